/**
 * Datasets: locating, downloading (SHA-256-checked), reading and preparing MNIST, Fashion-MNIST and CIFAR-10/100,
 * generating synthetic tasks (a student-teacher regression), and batching them.
 */
package org.creditlab.data;
