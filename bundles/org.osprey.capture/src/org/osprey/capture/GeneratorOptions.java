package org.osprey.capture;

import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * What the traffic generator makes and how fast. Make one with {@link #withSeed(long)}.
 * <p>
 * The frames depend only on the seed, the attack set and the attack interval: the same options give the same
 * frames in the same order, at any rate. Timestamps are the wall-clock time of publishing.
 *
 * @param seed the random seed
 * @param packetsPerSecond the target rate, 1 or more; {@link #UNLIMITED} (0) for as fast as one core can go
 * @param attacks which attacks to inject, in the order of {@link AttackKind}, cycling; empty for benign traffic only
 * @param attackEveryPackets how many benign packets pass between the end of one attack and the start of the next
 * @param packetLimit stop (state FINISHED) after this many packets; 0 for no limit
 */
public record GeneratorOptions(long seed, int packetsPerSecond, Set<AttackKind> attacks, int attackEveryPackets,
        long packetLimit) {

    public static final int UNLIMITED = 0;

    public GeneratorOptions {
        Objects.requireNonNull(attacks, "attacks");
        attacks = attacks.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(attacks));
        if (packetsPerSecond < 0) {
            throw new IllegalArgumentException("packet rate must be 0 (unlimited) or more, not " + packetsPerSecond);
        }
        if (attackEveryPackets < 1) {
            throw new IllegalArgumentException("attack interval must be at least 1 packet, not " + attackEveryPackets);
        }
        if (packetLimit < 0) {
            throw new IllegalArgumentException("packet limit must be 0 (none) or more, not " + packetLimit);
        }
    }

    /** Defaults: 1000 packets/s, every attack, one attack every 5000 benign packets, no limit. */
    public static Builder withSeed(long seed) {
        return new Builder(seed);
    }

    public static final class Builder {
        private final long seed;
        private int packetsPerSecond = 1000;
        private Set<AttackKind> attacks = EnumSet.allOf(AttackKind.class);
        private int attackEveryPackets = 5000;
        private long packetLimit;

        private Builder(long seed) {
            this.seed = seed;
        }

        public Builder packetsPerSecond(int rate) { this.packetsPerSecond = rate; return this; }
        public Builder unlimitedRate() { this.packetsPerSecond = UNLIMITED; return this; }
        public Builder attacks(Set<AttackKind> kinds) { this.attacks = kinds; return this; }
        public Builder noAttacks() { this.attacks = Set.of(); return this; }
        public Builder attackEveryPackets(int packets) { this.attackEveryPackets = packets; return this; }
        public Builder packetLimit(long packets) { this.packetLimit = packets; return this; }

        public GeneratorOptions build() {
            return new GeneratorOptions(seed, packetsPerSecond, attacks, attackEveryPackets, packetLimit);
        }
    }
}
