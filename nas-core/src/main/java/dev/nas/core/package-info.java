/**
 * The engine without any tensor library: architectures and search spaces ({@code arch}),
 * evaluators ({@code eval}), strategies ({@code strategy}), trials ({@code trial}), the
 * experiment loop with its journal and resume ({@code experiment}), configuration
 * ({@code config}) and the data root ({@code data}).
 */
package dev.nas.core;
