package dev.ferrite.cli;

import dev.ferrite.analysis.Analyzer;
import java.io.PrintStream;
import java.io.PrintWriter;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * How far a whole-tree run is: a progress bar on a terminal, plain lines at each tenth otherwise (logs of CI
 * and of {@code make}), nothing when off. Phases: the front end (files), then the analysis (functions).
 */
abstract class Progress implements Analyzer.Progress, AutoCloseable {

    /** Starts a phase of {@code total} steps. */
    abstract void phase(String name, String unit, long total);

    /** One step of the current phase is done. */
    abstract void step();

    @Override
    public void start(int functions) {
        phase("analysis", "functions", functions);
    }

    @Override
    public void functionStarted() {
        step();
    }

    @Override
    public abstract void close();

    static Progress none() {
        return new Progress() {
            @Override
            void phase(String name, String unit, long total) {
            }

            @Override
            void step() {
            }

            @Override
            public void close() {
            }
        };
    }

    /** Plain lines: {@code ferrite: front end: 40/395 files (10%)}. */
    static Progress lines(PrintWriter err) {
        return new Progress() {
            private String name;
            private String unit;
            private long total;
            private long done;
            private int lastTenth;

            @Override
            void phase(String name, String unit, long total) {
                this.name = name;
                this.unit = unit;
                this.total = total;
                this.done = 0;
                this.lastTenth = 0;
                err.println("ferrite: " + name + ": " + total + " " + unit);
                err.flush();
            }

            @Override
            void step() {
                done++;
                int tenth = total == 0 ? 10 : (int) (done * 10 / total);
                if (tenth > lastTenth) {
                    lastTenth = tenth;
                    err.println("ferrite: " + name + ": " + done + "/" + total + " " + unit + " (" + tenth * 10 + "%)");
                    err.flush();
                }
            }

            @Override
            public void close() {
            }
        };
    }

    /** A progress bar drawn on {@code stream}, a terminal. */
    static Progress bar(PrintStream stream) {
        return new Progress() {
            private ProgressBar bar;

            @Override
            void phase(String name, String unit, long total) {
                close();
                bar = new ProgressBarBuilder().setTaskName("ferrite " + name).setInitialMax(total).setUnit(" " + unit, 1)
                        .setStyle(ProgressBarStyle.ASCII).setUpdateIntervalMillis(250).showSpeed()
                        .setConsumer(new ConsoleProgressBarConsumer(stream)).build();
            }

            @Override
            void step() {
                if (bar != null) bar.step();
            }

            @Override
            public void close() {
                if (bar != null) bar.close();
                bar = null;
            }
        };
    }
}
