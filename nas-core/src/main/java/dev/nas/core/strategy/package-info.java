/** The ask/tell strategy contract. Strategies never train or score anything themselves. */
package dev.nas.core.strategy;
