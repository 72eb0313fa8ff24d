/**
 * The built-in rule catalogue: the one place that knows every rule family, registered in
 * {@link org.creditlab.rules.Rules} as a {@link java.util.ServiceLoader} service, so that the seam package
 * {@code rules} depends on none of them.
 */
package org.creditlab.rules.catalogue;
