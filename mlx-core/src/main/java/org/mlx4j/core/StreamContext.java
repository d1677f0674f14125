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
}
