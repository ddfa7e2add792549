/**
 * The live-traffic demo: a shop's {@code users}/{@code orders} dataset, an application workload in an old and a new
 * version, and the seed's schema changes applied under it with flyway-zdm and, for comparison, the naive way. Run
 * {@link dev.zdm.samples.demo.LiveTrafficDemo}.
 */
package dev.zdm.samples.demo;
