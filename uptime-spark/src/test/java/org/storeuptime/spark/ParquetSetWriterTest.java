package org.storeuptime.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.storeuptime.core.ReportOptions;
import org.storeuptime.core.UptimeException;
import org.storeuptime.core.csv.InputFiles;
import org.storeuptime.sample.GeneratedData;
import org.storeuptime.sample.SampleDataGenerator;

class ParquetSetWriterTest {

    private final SparkSession spark = LocalSpark.get();

    @TempDir
    Path tmp;

    private static String sparkCsv(String parquet) {
        SparkReport report = SparkUptime.builder().options(ReportOptions.DEFAULTS).partitions(3).build()
                .report(SparkInput.parquet(LocalSpark.get(), parquet));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        report.writeCsv(bytes);
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private static String coreCsv(Path dir) {
        return new String(CoreReports.csv(dir), StandardCharsets.UTF_8);
    }

    @Test
    void aGeneratedSetWrittenInPiecesGivesTheCoreReport() throws IOException {
        Path data = tmp.resolve("data");
        GeneratedData generated = SampleDataGenerator.builder().stores(200).days(9).seed(17)
                .now(Instant.parse("2024-11-03T12:00:00Z")).build().generate(data);
        String out = tmp.resolve("parquet").toString();
        Path work = tmp.resolve("pieces");

        ParquetSetWriter.Summary summary = ParquetSetWriter.write(spark, InputFiles.inDirectory(data), out, work, 3);

        assertThat(summary).isEqualTo(new ParquetSetWriter.Summary(generated.statusRows(), generated.hoursRows(),
                generated.timeZoneRows(), 0, 3));
        assertThat(spark.read().parquet(out + "/store_status").count()).isEqualTo(generated.statusRows());
        try (Stream<Path> files = Files.list(Path.of(out, "store_status"))) {
            assertThat(files.filter(f -> f.getFileName().toString().endsWith(".parquet"))).hasSize(3);
        }
        assertThat(work).doesNotExist();
        assertThat(sparkCsv(out)).isEqualTo(coreCsv(data));
    }

    @Test
    void duplicatesFarApartResolveAsInTheFileAndRejectedRowsAreCountedAndLeftOut() throws IOException {
        Path data = tmp.resolve("data");
        Files.createDirectories(data);
        StringBuilder status = new StringBuilder("store_id,status,timestamp_utc\n");
        status.append("a,active,2024-10-14 10:10:00 UTC\n");
        for (int i = 0; i < 50; i++) {
            status.append("s").append(i).append(",active,2024-10-14 1").append(i % 10).append(":00:00 UTC\n");
        }
        status.append("a,inactive,2024-10-14 10:10:00 UTC\n"); // the same instant: the earlier line wins
        status.append("a,inactive,2024-10-14 11:30:00 UTC\n");
        status.append("b,sleepy,2024-10-14 11:30:00 UTC\n"); // rejected by the core's reader
        Files.writeString(data.resolve("store_status.csv"), status);
        Files.writeString(data.resolve("menu_hours.csv"), "store_id,dayOfWeek,start_time_local,end_time_local\n"
                + "a,0,09:00:00,17:00:00\n");
        Files.writeString(data.resolve("timezones.csv"), "store_id,timezone_str\na,Europe/Berlin\n");
        String out = tmp.resolve("parquet").toString();

        ParquetSetWriter.Summary summary = ParquetSetWriter.write(spark, InputFiles.inDirectory(data), out,
                tmp.resolve("pieces"), 4);

        assertThat(summary).isEqualTo(new ParquetSetWriter.Summary(54, 1, 1, 1, 4));
        assertThat(sparkCsv(out)).isEqualTo(coreCsv(data));
    }

    @Test
    void splitPutsEveryStoreInOnePieceInFileOrderWithTheHeaderInEach() throws IOException {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            lines.add((i % 3 == 0 ? " " : "") + "store-" + (i * 7 % 37) + ",active,2024-10-14 10:" + (i % 60) + ":00 UTC"
                    + (i % 5 == 0 ? "\r" : ""));
        }
        Path file = tmp.resolve("store_status.csv");
        Files.writeString(file, "store_id,status,timestamp_utc\n" + String.join("\n", lines)); // no final line break

        List<Path> pieces = ParquetSetWriter.split(file, tmp.resolve("work"), 5);

        assertThat(pieces).hasSize(5);
        Map<String, Integer> pieceOfStore = new HashMap<>();
        List<String> all = new ArrayList<>();
        for (int p = 0; p < pieces.size(); p++) {
            List<String> content = linesOf(pieces.get(p));
            assertThat(content.get(0)).isEqualTo("store_id,status,timestamp_utc");
            for (String line : content.subList(1, content.size())) {
                String store = line.substring(0, line.indexOf(',')).strip();
                assertThat(pieceOfStore.putIfAbsent(store, p)).as(store).isIn(null, p);
            }
            all.addAll(content.subList(1, content.size()));
        }
        assertThat(pieceOfStore.values()).as("pieces used").hasSizeGreaterThan(1);
        assertThat(all).containsExactlyInAnyOrderElementsOf(lines);
        for (String store : pieceOfStore.keySet()) {
            List<String> expected = lines.stream().filter(l -> l.strip().startsWith(store + ",")).toList();
            List<String> inPiece = linesOf(pieces.get(pieceOfStore.get(store))).stream()
                    .filter(l -> l.strip().startsWith(store + ",")).toList();
            assertThat(inPiece).as(store).isEqualTo(expected);
        }
    }

    /** Lines split at line feeds only, so that a carriage return before one stays visible. */
    private static List<String> linesOf(Path file) throws IOException {
        return List.of(Files.readString(file).split("\n"));
    }

    @Test
    void aQuotedOrCompressedFileIsRefusedAndLeavesNoPieces() throws IOException {
        Path quoted = tmp.resolve("quoted.csv");
        Files.writeString(quoted, "store_id,status,timestamp_utc\na,active,2024-10-14 10:00:00 UTC\n"
                + "\"b\",active,2024-10-14 10:00:00 UTC\n");
        Path work = tmp.resolve("work");
        assertThatThrownBy(() -> ParquetSetWriter.split(quoted, work, 2)).isInstanceOf(UptimeException.class)
                .hasMessage(quoted + ": line 3: a quoted value; the splitter handles unquoted CSV only");
        assertThat(work).doesNotExist();

        Path gzip = tmp.resolve("status.csv.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gzip))) {
            out.write("store_id,status,timestamp_utc\n".getBytes(StandardCharsets.UTF_8));
        }
        assertThatThrownBy(() -> ParquetSetWriter.split(gzip, work, 2)).isInstanceOf(UptimeException.class)
                .hasMessageContaining("gzip-compressed");
        assertThat(work).doesNotExist();
    }
}
