/** The one JSON/YAML mapping used for configs, journals, summaries and snapshots. */
package dev.nas.core.json;
