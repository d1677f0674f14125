package org.mlx4j.core;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** Streams of the process: default stream per device, new streams, and the thread's scoped default. */
final class StreamContext {
    private static final AtomicInteger NEXT_INDEX = new AtomicInteger();
    private static final List<Stream> ALL = new java.util.concurrent.CopyOnWriteArrayList<>();
    private static final ConcurrentHashMap<Device, Stream> DEFAULTS = new ConcurrentHashMap<>();
    private static final ThreadLocal<ArrayList<Stream>> SCOPED = ThreadLocal.withInitial(ArrayList::new);
    /** Streams the calling thread made its own default, by device (below any scoped stream). */
    private static final ThreadLocal<java.util.HashMap<Device, Stream>> THREAD_DEFAULTS = ThreadLocal.withInitial(java.util.HashMap::new);
    /** Streams created for the calling thread by {@link #threadLocalStream}, released by {@link #clearStreams}. */
    private static final ThreadLocal<java.util.HashMap<Device, Stream>> THREAD_OWNED = ThreadLocal.withInitial(java.util.HashMap::new);
    private static volatile Device defaultDevice = Device.gpu().isAvailable() ? Device.gpu() : Device.cpu();
    /** The default stream of {@link #defaultDevice}, kept at hand: every op asks for it. */
    private static volatile Stream defaultStream;

    private StreamContext() {}

    static Stream newStream(Device device) {
        if (!device.isAvailable()) {
            throw new IllegalStateException("newStream: " + device + " is not available on this machine"
                    + " (no backend for it was found); use Device.cpu()");
        }
        Stream s = new Stream(NEXT_INDEX.getAndIncrement(), device);
        ALL.add(s);
        return s;
    }

    static Stream defaultStream(Device device) { return DEFAULTS.computeIfAbsent(device, StreamContext::newStream); }

    /** The stream new ops of this thread go to. */
    static Stream current() {
        ArrayList<Stream> scoped = SCOPED.get();
        if (!scoped.isEmpty()) return scoped.get(scoped.size() - 1);
        Device device = defaultDevice;
        java.util.HashMap<Device, Stream> own = THREAD_DEFAULTS.get();
        if (!own.isEmpty()) {
            Stream mine = own.get(device);
            if (mine != null) return mine;
        }
        Stream s = defaultStream;
        if (s == null || !s.device().equals(device)) defaultStream = s = defaultStream(device);
        return s;
    }

    static Device defaultDevice() { return defaultDevice; }

    static void setDefaultDevice(Device d) {
        java.util.Objects.requireNonNull(d, "setDefaultDevice: device");
        if (!d.isAvailable()) throw new IllegalStateException("setDefaultDevice: " + d + " is not available");
        defaultDevice = d;
    }

    static StreamScope push(Stream s) {
        ArrayList<Stream> scoped = SCOPED.get();
        scoped.add(s);
        return new StreamScope(scoped, s);
    }

    static List<Stream> all() { return ALL; }

    /** Makes {@code s} the default stream of its device for every thread without a default of its own. */
    static void setDefaultStream(Stream s) {
        java.util.Objects.requireNonNull(s, "setDefaultStream: stream");
        DEFAULTS.put(s.device(), s);
        defaultStream = null; // re-read by current()
    }

    /** Makes {@code s} the calling thread's default stream of its device. */
    static void setThreadDefaultStream(Stream s) {
        java.util.Objects.requireNonNull(s, "setThreadDefaultStream: stream");
        THREAD_DEFAULTS.get().put(s.device(), s);
    }

    /** The calling thread's own stream on {@code device}, made on first use and made the thread's default there. */
    static Stream threadLocalStream(Device device) {
        java.util.Objects.requireNonNull(device, "threadLocalStream: device");
        Stream s = THREAD_OWNED.get().computeIfAbsent(device, StreamContext::newStream);
        THREAD_DEFAULTS.get().put(device, s);
        return s;
    }

    /**
     * Ends the calling thread's own streams: waits for their work, lets their threads end and forgets them and
     * the thread's defaults, so that its ops go to the process defaults again.
     */
    static void clearStreams() {
        java.util.HashMap<Device, Stream> owned = THREAD_OWNED.get();
        for (Stream s : owned.values()) {
            Evaluation.synchronize(s);
            ALL.remove(s);
            s.queue().retire();
        }
        owned.clear();
        THREAD_DEFAULTS.get().clear();
    }
}
