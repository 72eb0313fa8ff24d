/** Shared plumbing with no knowledge of learning: derived random streams, ND4J workspaces, atomic file writes and project paths. */
package org.creditlab.util;
