// Feedback (`touchpoint feedback`, docs/feedback.md): the themes of the
// free-text comments, their sentiment, which themes move the survey score
// (drivers) and how themes and sentiment change over time, with quotes.
import { driversOption, feedbackTrendOption, sentimentOption, themesOption } from "../charts/feedback";
import { el, notes, stats, table } from "../dom";
import { rangeInterval } from "../filters";
import * as fmt from "../format";
import type { FeedbackAnswer } from "../types";
import { select } from "./controls";
import { type View, type ViewContext } from "./view";

export const feedbackView: View = {
  id: "feedback",
  title: "Feedback",
  params: ["source", "survey", "interval"],
  render(ctx: ViewContext, controls: HTMLElement) {
    const source = ctx.param("source", "all");
    const survey = ctx.param("survey", "");
    const interval = ctx.param("interval", rangeInterval(ctx.filters, ctx.info) === "day" ? "week" : "month");
    controls.append(
      select("Comments of", "source", [["all", "any event"], ["survey", "survey answers"], ["support", "support tickets"]], source, (v) => ctx.set({ source: v })),
      select("Score", "survey", [["", "first with answers"], ["nps", "NPS"], ["csat", "CSAT"], ["ces", "CES"]], survey, (v) => ctx.set({ survey: v })),
      select("Every", "interval", ["day", "week", "month"], interval, (v) => ctx.set({ interval: v })),
    );
    const summary = ctx.page.panel({ title: "Comments", span: 1, id: "feedback-summary" });
    const themes = ctx.page.panel({ title: "Themes", subtitle: "comments per theme; colour: mean sentiment (red negative, green positive)", span: 2, id: "themes" });
    const sentiment = ctx.page.panel({ title: "Sentiment", span: 1, id: "sentiment" });
    const drivers = ctx.page.panel({ title: "What drives the score", subtitle: "faded: not significant (p \u2265 0.05)", span: 2, id: "drivers" });
    const trend = ctx.page.panel({ title: "Over time", subtitle: "share of comments per theme (left), mean sentiment (dashed, right)", span: 3, id: "feedback-trend" });
    const quotes = ctx.page.panel({ title: "Themes in their words", span: 3, id: "quotes" });
    const request = ctx.query<FeedbackAnswer>("feedback", { source, survey, interval });
    const none = (a: FeedbackAnswer, p: typeof summary) => {
      if (a.comments > 0) return false;
      p.empty("No comments", "no events with a comment in this range");
      return true;
    };
    void summary.run(
      () => request,
      (a) => {
        if (none(a, summary)) return;
        summary.body.append(
          stats([
            { label: "comments", value: fmt.count(a.comments) },
            { label: "customers", value: fmt.count(a.customers) },
            { label: "themes", value: fmt.count(a.themes.length) },
            { label: "mean sentiment (-1..1)", value: fmt.fixed(a.sentiment.mean, 2) },
          ]),
        );
        const n = notes(a);
        if (n) summary.body.append(n);
      },
    );
    void themes.run(
      () => request,
      (a) => {
        if (none(a, themes)) return;
        themes.chart("themes", themesOption(a), Math.max(200, Math.min(15, a.themes.length) * 32 + 40));
      },
    );
    void sentiment.run(
      () => request,
      (a) => {
        if (none(a, sentiment)) return;
        sentiment.chart("sentiment", sentimentOption(a), 240);
      },
    );
    void drivers.run(
      () => request,
      (a) => {
        if (none(a, drivers)) return;
        if (!a.drivers.survey || a.themes.every((t) => t.effect === null)) {
          drivers.empty("No survey scores", "drivers need comments from customers who also answered a survey");
          return;
        }
        drivers.setSubtitle(`${a.drivers.survey.toUpperCase()} of ${fmt.count(a.drivers.respondents)} respondents with the theme minus without; faded: not significant (p \u2265 0.05)`);
        drivers.chart("drivers", driversOption(a), Math.max(200, a.themes.length * 30 + 50));
      },
    );
    void trend.run(
      () => request,
      (a) => {
        if (none(a, trend)) return;
        if (a.trend.length < 2) {
          trend.empty("One period", "the range holds one period: choose a shorter step");
          return;
        }
        trend.chart("feedback-trend", feedbackTrendOption(a), 300);
      },
    );
    void quotes.run(
      () => request,
      (a) => {
        if (none(a, quotes)) return;
        quotes.body.append(
          table(
            [{ title: "theme" }, { title: "category" }, { title: "comments", numeric: true }, { title: "sentiment", numeric: true }, { title: "what they say" }],
            a.themes.map((t) => {
              const q = el("div", "quotes");
              for (const text of t.quotes.slice(0, 2)) q.append(el("q", "", text));
              return [t.theme, t.category, fmt.count(t.comments), fmt.fixed(t.sentiment, 2), q];
            }),
          ),
        );
      },
    );
  },
};
