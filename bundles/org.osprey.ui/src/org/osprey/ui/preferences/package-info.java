/**
 * The desktop client's preferences: {@link org.osprey.ui.preferences.OspreyPreferences} (keys, typed getters,
 * listeners) that any bundle reads, the preference dialog and its pages, and the appliers that hand values to
 * services ({@link org.osprey.ui.preferences.StreamConfigurationApplier} for the packet ring).
 */
package org.osprey.ui.preferences;
