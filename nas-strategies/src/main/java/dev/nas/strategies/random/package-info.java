/** Random search: uniform samples of the space, the baseline every strategy must beat. */
package dev.nas.strategies.random;
