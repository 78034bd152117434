/**
 * Small I/O helpers shared by the model bundle and the reports: atomic file writes and the
 * library's JSON configuration (undefined numbers as {@code null}).
 */
package org.covidxray.io;
