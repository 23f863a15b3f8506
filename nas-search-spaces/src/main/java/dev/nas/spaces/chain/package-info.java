/**
 * The chain (MobileNet-like) space: stages of inverted residual blocks, each stage choosing its
 * kernel size, expansion ratio and depth. The stage schedule and the choices are config settings,
 * so a user declares their own chain space in YAML.
 */
package dev.nas.spaces.chain;
