/** Where datasets and benchmark tables are found. */
package dev.nas.core.data;
