package org.geocsp.core.loss;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Minimal F32-only safetensors reader for tests (the production reader lives elsewhere). */
final class SafetensorsFile {

    private final JsonObject header;
    private final ByteBuffer data;

    SafetensorsFile(Path file) throws IOException {
        ByteBuffer all = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
        long n = all.getLong(0);
        byte[] h = new byte[(int) n];
        all.position(8);
        all.get(h);
        header = JsonParser.parseString(new String(h, StandardCharsets.UTF_8)).getAsJsonObject();
        all.position(8 + (int) n);
        data = all.slice().order(ByteOrder.LITTLE_ENDIAN);
    }

    long[] shape(String name) {
        var a = entry(name).getAsJsonArray("shape");
        long[] s = new long[a.size()];
        for (int i = 0; i < s.length; i++) {
            s[i] = a.get(i).getAsLong();
        }
        return s;
    }

    float[] floats(String name) {
        JsonObject e = entry(name);
        if (!"F32".equals(e.get("dtype").getAsString())) {
            throw new IllegalStateException(name + " is not F32");
        }
        var off = e.getAsJsonArray("data_offsets");
        int begin = off.get(0).getAsInt();
        int end = off.get(1).getAsInt();
        float[] out = new float[(end - begin) / 4];
        for (int i = 0; i < out.length; i++) {
            out[i] = data.getFloat(begin + 4 * i);
        }
        return out;
    }

    private JsonObject entry(String name) {
        JsonObject e = header.getAsJsonObject(name);
        if (e == null) {
            throw new IllegalStateException("no tensor " + name + " in safetensors file");
        }
        return e;
    }
}
