package com.dcbeacon.feedback.domain;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Net Promoter Score: promoters answer 9–10, passives 7–8, detractors 0–6; NPS = % promoters − % detractors,
 * from −100 to 100, rounded half-up to one decimal from the exact fraction. No responses: NPS null.
 */
public final class NpsCalculator {

    public enum Interval {
        DAY,
        WEEK
    }

    public record Summary(BigDecimal nps, int promoters, int passives, int detractors, int responses) {}

    public record Answer(LocalDate day, int score) {}

    public record Bucket(LocalDate start, Summary summary) {}

    private NpsCalculator() {}

    public static boolean isDetractor(int score) {
        return score <= 6;
    }

    public static Summary summarize(Collection<Integer> scores) {
        int promoters = 0;
        int passives = 0;
        int detractors = 0;
        for (int score : scores) {
            if (score >= 9) {
                promoters++;
            } else if (score >= 7) {
                passives++;
            } else {
                detractors++;
            }
        }
        int responses = promoters + passives + detractors;
        BigDecimal nps = responses == 0
                ? null
                : BigDecimal.valueOf(100L * (promoters - detractors))
                        .divide(BigDecimal.valueOf(responses), 1, RoundingMode.HALF_UP);
        return new Summary(nps, promoters, passives, detractors, responses);
    }

    /** One bucket per day or ISO week (from Monday) in [from, to], empty buckets included. */
    public static List<Bucket> series(Collection<Answer> answers, LocalDate from, LocalDate to, Interval interval) {
        Map<LocalDate, List<Integer>> byStart = new TreeMap<>();
        for (LocalDate start = bucketStart(from, interval); !start.isAfter(to); start = next(start, interval)) {
            byStart.put(start, new ArrayList<>());
        }
        for (Answer answer : answers) {
            if (!answer.day().isBefore(from) && !answer.day().isAfter(to)) {
                byStart.get(bucketStart(answer.day(), interval)).add(answer.score());
            }
        }
        List<Bucket> buckets = new ArrayList<>();
        byStart.forEach((start, scores) -> buckets.add(new Bucket(start, summarize(scores))));
        return buckets;
    }

    private static LocalDate bucketStart(LocalDate day, Interval interval) {
        return interval == Interval.DAY ? day : day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
    }

    private static LocalDate next(LocalDate start, Interval interval) {
        return interval == Interval.DAY ? start.plusDays(1) : start.plusWeeks(1);
    }
}
