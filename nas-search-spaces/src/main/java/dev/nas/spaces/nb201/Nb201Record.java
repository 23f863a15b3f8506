package dev.nas.spaces.nb201;

/**
 * One cell's figures on one dataset, as the NB201 table gives them (accuracies in %).
 *
 * @param validAcc200 available for about 725 cells only, else NaN
 */
public record Nb201Record(
    double testAcc200, double validAcc200, double testAcc12, double validAcc12, double paramsM, double flopsM) {}
