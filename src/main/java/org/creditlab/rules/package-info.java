/** The learning-rule seam: LearningRule and its contexts, the rule catalogue, and the backward walk shared by every backprop-shaped rule. */
package org.creditlab.rules;
