package com.dcbeacon.feedback.domain;

import com.dcbeacon.feedback.persistence.NpsResponseRepository;
import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** The NPS report for ops: the figures of a range of UTC days, a series per day or week, and by plan if asked. */
@ApplicationScoped
public class NpsReports {

    /** One day or ISO week (from Monday) of the series; {@code nps} null when it has no answers. */
    public record Point(LocalDate start, BigDecimal nps, int promoters, int passives, int detractors, int responses) {}

    /**
     * The figures of [from, to] with their series; {@code interval} is {@code day} or {@code week}; {@code byPlan}
     * (plan id, or {@code none} for answers given without a plan) only when grouped, else null.
     */
    public record Report(
            LocalDate from,
            LocalDate to,
            String interval,
            BigDecimal nps,
            int promoters,
            int passives,
            int detractors,
            int responses,
            List<Point> series,
            Map<String, Report> byPlan) {}

    private final NpsResponseRepository answers;

    public NpsReports(NpsResponseRepository answers) {
        this.answers = answers;
    }

    /** The report of the answers given on the UTC days [from, to]; the caller keeps the range reasonable. */
    public Report report(LocalDate from, LocalDate to, NpsCalculator.Interval step, boolean byPlan) {
        String interval = step.name().toLowerCase(Locale.ROOT);
        List<NpsResponse> inRange = answers.answeredBetween(
                from.atStartOfDay().atOffset(ZoneOffset.UTC),
                to.plusDays(1).atStartOfDay().atOffset(ZoneOffset.UTC));
        Report report = report(inRange, from, to, step, interval);
        if (!byPlan) {
            return report;
        }
        Map<String, Report> plans = new TreeMap<>();
        inRange.stream()
                .collect(Collectors.groupingBy(a -> a.planId == null ? "none" : a.planId))
                .forEach((plan, planAnswers) -> plans.put(plan, report(planAnswers, from, to, step, interval)));
        return new Report(
                report.from(),
                report.to(),
                interval,
                report.nps(),
                report.promoters(),
                report.passives(),
                report.detractors(),
                report.responses(),
                report.series(),
                plans);
    }

    private static Report report(
            List<NpsResponse> answers, LocalDate from, LocalDate to, NpsCalculator.Interval step, String interval) {
        NpsCalculator.Summary total =
                NpsCalculator.summarize(answers.stream().map(a -> a.score).toList());
        List<Point> series = NpsCalculator.series(
                        answers.stream()
                                .map(a -> new NpsCalculator.Answer(a.answeredAt.toLocalDate(), a.score))
                                .toList(),
                        from,
                        to,
                        step)
                .stream()
                .map(b -> new Point(
                        b.start(),
                        b.summary().nps(),
                        b.summary().promoters(),
                        b.summary().passives(),
                        b.summary().detractors(),
                        b.summary().responses()))
                .toList();
        return new Report(
                from,
                to,
                interval,
                total.nps(),
                total.promoters(),
                total.passives(),
                total.detractors(),
                total.responses(),
                series,
                null);
    }
}
