/**
 * Zero-cost proxies: scores of an untrained network from one batch at initialisation (Abdelfattah
 * et al. 2021, "Zero-Cost Proxies for Lightweight NAS"; Mellor et al. 2021, NASWOT), and their
 * rank aggregation, as the evaluator {@code evaluator: {type: zero-cost, proxy: ...}}. A proxy costs
 * one forward and a backward or two, against thousands of training steps for a trained score.
 */
package dev.nas.supernet.zerocost;
