/**
 * The ENAS controller: an LSTM that emits a genome decision by decision, trained with REINFORCE
 * (moving-average baseline, entropy bonus in the reward, Adam). Written by hand on double arrays:
 * it is small (one LSTM layer) and SameDiff's LSTM cell has no gradient.
 */
package dev.nas.strategies.rl;
