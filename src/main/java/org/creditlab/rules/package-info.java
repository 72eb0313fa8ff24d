/**
 * The learning-rule seam: LearningRule and its contexts, the open registry of rules by name ({@link
 * org.creditlab.rules.Rules}; the built-in rules are registered from {@code rules.catalogue}), the capability
 * interfaces diagnostics read, and the backward walk shared by every backprop-shaped rule. It depends on no rule family.
 */
package org.creditlab.rules;
