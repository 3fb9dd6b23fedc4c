package dev.openrouter4j.testkit.internal;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/**
 * Small, valid media files made from scratch, so the fake needs no image or audio library: a solid-colour PNG, raw
 * 16-bit PCM, the same PCM as a WAV file, and silent MP3 frames. Stateless.
 */
public final class MediaBytes {

    /** Sample rate of the fake's PCM (OpenAI-compatible {@code pcm} is 24 kHz, 16-bit little-endian, mono). */
    public static final int PCM_SAMPLE_RATE = 24_000;

    private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
    /** MPEG-1 Layer III, 128 kbit/s, 44.1 kHz, mono, no CRC: 417-byte frames of 1152 samples. */
    private static final byte[] MP3_HEADER = {(byte) 0xFF, (byte) 0xFB, (byte) 0x90, (byte) 0xC0};
    private static final int MP3_FRAME_BYTES = 417;

    private MediaBytes() {
    }

    /** A {@code size x size} RGB PNG in one colour ({@code 0xRRGGBB}). */
    public static byte[] png(int size, int rgb) {
        ByteArrayOutputStream raw = new ByteArrayOutputStream();
        for (int y = 0; y < size; y++) {
            raw.write(0); // filter: none
            for (int x = 0; x < size; x++) {
                raw.write((rgb >> 16) & 0xff);
                raw.write((rgb >> 8) & 0xff);
                raw.write(rgb & 0xff);
            }
        }
        ByteBuffer ihdr = ByteBuffer.allocate(13).putInt(size).putInt(size);
        ihdr.put((byte) 8).put((byte) 2).put((byte) 0).put((byte) 0).put((byte) 0); // 8-bit RGB
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(PNG_SIGNATURE);
        chunk(out, "IHDR", ihdr.array());
        chunk(out, "IDAT", deflate(raw.toByteArray()));
        chunk(out, "IEND", new byte[0]);
        return out.toByteArray();
    }

    private static void chunk(ByteArrayOutputStream out, String type, byte[] data) {
        byte[] typeBytes = type.getBytes(StandardCharsets.US_ASCII);
        out.writeBytes(ByteBuffer.allocate(4).putInt(data.length).array());
        out.writeBytes(typeBytes);
        out.writeBytes(data);
        CRC32 crc = new CRC32();
        crc.update(typeBytes);
        crc.update(data);
        out.writeBytes(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
    }

    private static byte[] deflate(byte[] data) {
        Deflater d = new Deflater();
        d.setInput(data);
        d.finish();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[4096];
        while (!d.finished()) {
            out.write(buf, 0, d.deflate(buf));
        }
        d.end();
        return out.toByteArray();
    }

    /** A quiet tone of {@code millis} ms as raw PCM; its pitch is derived from {@code seed}. */
    public static byte[] pcm(int millis, int seed) {
        int samples = PCM_SAMPLE_RATE * millis / 1000;
        double hz = 220 + Math.floorMod(seed, 440);
        ByteBuffer b = ByteBuffer.allocate(samples * 2).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < samples; i++) {
            b.putShort((short) (3000 * Math.sin(2 * Math.PI * hz * i / PCM_SAMPLE_RATE)));
        }
        return b.array();
    }

    /** Raw PCM as produced by {@link #pcm} wrapped in a RIFF/WAVE file. */
    public static byte[] wav(byte[] pcm) {
        ByteBuffer b = ByteBuffer.allocate(44 + pcm.length).order(ByteOrder.LITTLE_ENDIAN);
        b.put("RIFF".getBytes(StandardCharsets.US_ASCII)).putInt(36 + pcm.length);
        b.put("WAVE".getBytes(StandardCharsets.US_ASCII));
        b.put("fmt ".getBytes(StandardCharsets.US_ASCII)).putInt(16).putShort((short) 1).putShort((short) 1);
        b.putInt(PCM_SAMPLE_RATE).putInt(PCM_SAMPLE_RATE * 2).putShort((short) 2).putShort((short) 16);
        b.put("data".getBytes(StandardCharsets.US_ASCII)).putInt(pcm.length).put(pcm);
        return b.array();
    }

    /** Silent MP3 frames lasting about {@code millis} ms (at least one frame). */
    public static byte[] mp3(int millis) {
        int frames = Math.max(1, (int) Math.round(millis / 26.122));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < frames; i++) {
            out.writeBytes(MP3_HEADER);
            out.writeBytes(new byte[MP3_FRAME_BYTES - MP3_HEADER.length]);
        }
        return out.toByteArray();
    }

    /** Seconds of audio in a WAV file, in raw PCM of the fake's format, or estimated from the size of anything else. */
    public static double seconds(byte[] audio, String format) {
        if (audio.length >= 44 && new String(audio, 0, 4, StandardCharsets.US_ASCII).equals("RIFF")) {
            ByteBuffer b = ByteBuffer.wrap(audio).order(ByteOrder.LITTLE_ENDIAN);
            int byteRate = b.getInt(28);
            return byteRate <= 0 ? 0 : (audio.length - 44) / (double) byteRate;
        }
        if ("pcm".equals(format) || "pcm16".equals(format)) {
            return audio.length / (2.0 * PCM_SAMPLE_RATE);
        }
        return audio.length / 16_000.0; // about 128 kbit/s
    }
}
