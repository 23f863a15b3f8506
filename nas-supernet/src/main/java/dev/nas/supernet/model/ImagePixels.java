package dev.nas.supernet.model;

import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * An image as the network's input: {@code [1, C, H, W]} floats in [0, 1], channels in RGB order
 * (C = 3) or the luminance (C = 1), resized bilinearly to {@code H x W} if its size differs.
 */
public final class ImagePixels {

  private ImagePixels() {}

  public static INDArray of(BufferedImage image, int channels, int height, int width) {
    if (channels != 1 && channels != 3) {
      throw new IllegalArgumentException("images feed networks with 1 or 3 input channels, not " + channels);
    }
    BufferedImage sized = image.getWidth() == width && image.getHeight() == height ? image : resize(image, height, width);
    float[] data = new float[channels * height * width];
    int plane = height * width;
    for (int y = 0; y < height; y++) {
      for (int x = 0; x < width; x++) {
        int rgb = sized.getRGB(x, y);
        int r = (rgb >> 16) & 0xff;
        int g = (rgb >> 8) & 0xff;
        int b = rgb & 0xff;
        int at = y * width + x;
        if (channels == 3) {
          data[at] = r / 255f;
          data[plane + at] = g / 255f;
          data[2 * plane + at] = b / 255f;
        } else {
          // A grey image decodes with r = g = b; for colour ones, ITU-R BT.601 luma.
          data[at] = (0.299f * r + 0.587f * g + 0.114f * b) / 255f;
        }
      }
    }
    return Nd4j.create(data, new long[] {1, channels, height, width}, 'c');
  }

  private static BufferedImage resize(BufferedImage image, int height, int width) {
    BufferedImage out = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    var g = out.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
    g.drawImage(image, 0, 0, width, height, null);
    g.dispose();
    return out;
  }
}
