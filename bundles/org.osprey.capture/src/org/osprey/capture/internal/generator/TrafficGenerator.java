package org.osprey.capture.internal.generator;

import java.util.EnumSet;
import java.util.SplittableRandom;

import org.osprey.capture.AttackKind;
import org.osprey.capture.GeneratorOptions;

/**
 * Makes the generator's frames, deterministically: the same options give the same frames in the same order. Not
 * thread-safe (one capture thread uses it); the rate is the {@code GeneratorSource}'s business, not this class's.
 * <p>
 * <b>Mix.</b> {@value #ACTIVE_CONVERSATIONS} benign conversations are open at a time; each frame comes from one of
 * them picked at random, and a finished conversation is replaced by a new one, drawn by weight: TLS 30, DNS 25,
 * HTTP 15, ARP 10, NTP 10, SSH 10 (out of 100 starts; per packet TLS and HTTP dominate since they are longer).
 * Two in three web connections start with a DNS lookup of the site's name by the same workstation.
 * <p>
 * <b>Attacks.</b> After {@code attackEveryPackets} benign frames, the next enabled attack (cycling in
 * {@link AttackKind} order) starts and runs alongside the benign traffic until it is done: half of the frames come
 * from it (nine in ten for a SYN flood). Then the count of benign frames starts again.
 * <p>
 * <b>Allocation.</b> Per frame: the frame array. Per conversation: a few small objects (its state, request texts).
 */
public final class TrafficGenerator {

    static final int ACTIVE_CONVERSATIONS = 32;

    private final SplittableRandom random;
    private final Network network;
    private final Scenario[] conversations = new Scenario[ACTIVE_CONVERSATIONS];
    private final AttackKind[] attackCycle;
    private final int attackEvery;
    private int nextAttack;
    private Scenario attack;
    private AttackKind attackKind;
    private int attackShare;
    private long benignSinceAttack;
    private AttackKind lastFrameAttack;
    private long frames;

    public TrafficGenerator(GeneratorOptions options) {
        random = new SplittableRandom(options.seed());
        network = new Network(random);
        attackCycle = options.attacks().isEmpty() ? new AttackKind[0]
                : EnumSet.copyOf(options.attacks()).toArray(new AttackKind[0]);
        attackEvery = options.attackEveryPackets();
        for (int i = 0; i < conversations.length; i++) {
            conversations[i] = newConversation();
        }
    }

    /** The next Ethernet frame (LINKTYPE_ETHERNET), a new array. */
    public byte[] nextFrame() {
        frames++;
        if (attack == null && attackCycle.length > 0 && benignSinceAttack >= attackEvery) {
            attackKind = attackCycle[nextAttack];
            nextAttack = (nextAttack + 1) % attackCycle.length;
            attack = Attacks.create(attackKind, network, random);
            attackShare = attackKind == AttackKind.SYN_FLOOD ? 90 : 50;
        }
        if (attack != null && random.nextInt(100) < attackShare) {
            byte[] f = attack.next();
            if (f != null) {
                lastFrameAttack = attackKind;
                return f;
            }
            attack = null;
            attackKind = null;
            benignSinceAttack = 0;
        }
        lastFrameAttack = null;
        if (attack == null) {
            benignSinceAttack++;
        }
        int slot = random.nextInt(conversations.length);
        byte[] f = conversations[slot].next();
        while (f == null) {
            conversations[slot] = newConversation();
            f = conversations[slot].next();
        }
        return f;
    }

    /** The attack the last frame from {@link #nextFrame()} belongs to, or {@code null} for benign traffic. */
    public AttackKind lastFrameAttack() {
        return lastFrameAttack;
    }

    /** Frames made so far. */
    public long frames() {
        return frames;
    }

    private Scenario newConversation() {
        int pick = random.nextInt(100);
        if (pick < 30) {
            return Conversations.tls(network, random);
        }
        if (pick < 55) {
            return SmallExchanges.dnsLookup(network, random);
        }
        if (pick < 70) {
            return Conversations.http(network, random);
        }
        if (pick < 80) {
            return SmallExchanges.arpResolution(network, random);
        }
        if (pick < 90) {
            return SmallExchanges.ntpPoll(network, random);
        }
        return Conversations.ssh(network, random);
    }
}
