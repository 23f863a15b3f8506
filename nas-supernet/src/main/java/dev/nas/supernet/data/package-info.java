/** Image datasets (CIFAR-10 binary format), splits, augmentation and seeded batch iteration. */
package dev.nas.supernet.data;
