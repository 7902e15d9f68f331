//! A trend for people: a bar chart in the terminal (one row per year,
//! missing years shown as missing), CSV, and an SVG picture drawn with
//! plotters for pasting into a memo.

use crate::search::filters::YearRange;
use crate::trend::{Bucket, By, Trend};
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};
use std::io::{self, Write};
use std::path::Path;
use termcolor::{ColorSpec, WriteColor};

/// Width of the longest bar, in terminal cells.
const BAR_CELLS: usize = 40;

/// What the rows of a trend are, for headings.
fn by_word(by: By) -> &'static str {
    match by {
        By::Year => "year",
        By::Country => "country",
        By::Section => "section",
    }
}

/// The chart's title: the query, what it is counted by, the filters.
pub fn title(trend: &Trend, filters: &str) -> String {
    let query = if trend.query.starts_with('"') {
        trend.query.clone()
    } else {
        format!("\"{}\"", trend.query)
    };
    let mut title = format!(
        "{query}: matching passages per 100 passages, by {}",
        by_word(trend.by)
    );
    if !filters.is_empty() {
        title.push_str(&format!(" ({filters})"));
    }
    title
}

/// The filters as a title shows them: "country: angola; years: 2005..2009".
pub fn describe_filters(countries: &[String], years: &[YearRange], sections: &[String]) -> String {
    let mut parts = Vec::new();
    if !countries.is_empty() {
        parts.push(format!("country: {}", countries.join(", ")));
    }
    if !years.is_empty() {
        let years: Vec<String> = years
            .iter()
            .map(|y| {
                let (from, to) = (y.0.start(), y.0.end());
                if from == to {
                    from.to_string()
                } else {
                    format!("{from}..{to}")
                }
            })
            .collect();
        parts.push(format!("years: {}", years.join(", ")));
    }
    if !sections.is_empty() {
        parts.push(format!("section: {}", sections.join(", ")));
    }
    parts.join("; ")
}

/// A bar of `cells` eighths-precise terminal cells.
fn bar(value: f64, max: f64) -> String {
    if max <= 0.0 {
        return String::new();
    }
    let eighths = (value / max * (BAR_CELLS * 8) as f64).round() as usize;
    let mut out = "█".repeat(eighths / 8);
    const PARTS: [&str; 8] = ["", "▏", "▎", "▍", "▌", "▋", "▊", "▉"];
    out.push_str(PARTS[eighths % 8]);
    out
}

/// Prints the trend as a chart with its figures.
pub fn print_chart(out: &mut impl WriteColor, trend: &Trend, filters: &str) -> io::Result<()> {
    out.set_color(ColorSpec::new().set_bold(true))?;
    writeln!(out, "{}", title(trend, filters))?;
    out.reset()?;
    let label_width = trend
        .buckets
        .iter()
        .map(|b| match trend.by {
            By::Section => b.key.chars().count(),
            _ => b.label.chars().count(),
        })
        .max()
        .unwrap_or(4)
        .clamp(4, 40);
    let max = trend
        .buckets
        .iter()
        .filter_map(|b| b.rate)
        .fold(0.0, f64::max);
    writeln!(
        out,
        "{:<label_width$}  {:<BAR_CELLS$}  {:>6}  {:>7}  {:>9}  {:>8}",
        by_word(trend.by),
        "",
        "rate",
        "matches",
        "reports",
        "passages"
    )?;
    for bucket in &trend.buckets {
        print_row(out, trend.by, bucket, label_width, max)?;
    }
    out.set_color(ColorSpec::new().set_dimmed(true))?;
    writeln!(
        out,
        "rate: matching passages per 100 passages the index holds there (under the same filters); reports: matching / held"
    )?;
    out.reset()
}

fn print_row(
    out: &mut impl WriteColor,
    by: By,
    bucket: &Bucket,
    label_width: usize,
    max: f64,
) -> io::Result<()> {
    // Topic paths are shorter than titles and name sections exactly.
    let shown = if by == By::Section {
        &bucket.key
    } else {
        &bucket.label
    };
    let label: String = shown.chars().take(label_width).collect();
    if !bucket.present {
        out.set_color(ColorSpec::new().set_dimmed(true))?;
        writeln!(out, "{label:<label_width$}  (no report in the index)")?;
        return out.reset();
    }
    let rate = bucket.rate.unwrap_or(0.0);
    write!(out, "{label:<label_width$}  ")?;
    out.set_color(ColorSpec::new().set_fg(Some(termcolor::Color::Cyan)))?;
    write!(out, "{:<BAR_CELLS$}", bar(rate, max))?;
    out.reset()?;
    writeln!(
        out,
        "  {:>6.2}  {:>7}  {:>9}  {:>8}",
        rate,
        bucket.matching_passages,
        format!("{}/{}", bucket.matching_reports, bucket.reports),
        bucket.passages
    )
}

/// Writes the trend as CSV, one row per bucket.
pub fn write_csv(out: &mut impl Write, trend: &Trend) -> io::Result<()> {
    writeln!(
        out,
        "{},label,present,matching_passages,matching_reports,passages,reports,rate",
        by_word(trend.by)
    )?;
    for b in &trend.buckets {
        writeln!(
            out,
            "{},{},{},{},{},{},{},{}",
            csv_field(&b.key),
            csv_field(&b.label),
            b.present,
            b.matching_passages,
            b.matching_reports,
            b.passages,
            b.reports,
            b.rate.map_or(String::new(), |r| format!("{r:.4}"))
        )?;
    }
    Ok(())
}

/// A CSV field, quoted when it holds a comma, quote or line break.
fn csv_field(text: &str) -> String {
    if text.contains([',', '"', '\n']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text.to_string()
    }
}

/// Draws the trend as an SVG bar chart; missing years are marked.
pub fn write_svg(path: &Path, trend: &Trend, filters: &str) -> anyhow::Result<()> {
    let width = (120 + 28 * trend.buckets.len() as u32).clamp(640, 1600);
    let root = SVGBackend::new(path, (width, 480)).into_drawing_area();
    root.fill(&WHITE)?;
    let max = trend
        .buckets
        .iter()
        .filter_map(|b| b.rate)
        .fold(0.0, f64::max)
        .max(0.1);
    let labels: Vec<String> = trend.buckets.iter().map(|b| b.label.clone()).collect();
    let n = trend.buckets.len().max(1) as u32;
    let mut chart = ChartBuilder::on(&root)
        .caption(title(trend, filters), ("sans-serif", 18))
        .margin(16)
        .x_label_area_size(if trend.by == By::Year { 40 } else { 140 })
        .y_label_area_size(60)
        .build_cartesian_2d((0u32..n).into_segmented(), 0f64..max * 1.1)?;
    chart
        .configure_mesh()
        .disable_x_mesh()
        .x_labels(trend.buckets.len())
        .x_label_formatter(&|v| match v {
            SegmentValue::CenterOf(i) => labels.get(*i as usize).cloned().unwrap_or_default(),
            _ => String::new(),
        })
        .x_label_style(if trend.by == By::Year {
            ("sans-serif", 13).into_font()
        } else {
            ("sans-serif", 12)
                .into_font()
                .transform(FontTransform::Rotate90)
        })
        .y_desc("matching passages per 100 passages")
        .x_desc(by_word(trend.by))
        .axis_desc_style(("sans-serif", 14))
        .draw()?;
    let bars = trend.buckets.iter().enumerate().filter_map(|(i, b)| {
        let (x0, x1) = (
            SegmentValue::Exact(i as u32),
            SegmentValue::Exact(i as u32 + 1),
        );
        b.rate.map(|rate| {
            let mut rect = Rectangle::new([(x0, 0.0), (x1, rate)], BLUE.mix(0.7).filled());
            rect.set_margin(0, 0, 3, 3);
            rect
        })
    });
    chart.draw_series(bars)?;
    // A year with reports but no match shows a 0, unlike a missing year.
    let zero = trend
        .buckets
        .iter()
        .enumerate()
        .filter(|(_, b)| b.present && b.matching_passages == 0);
    chart.draw_series(zero.map(|(i, _)| {
        Text::new(
            "0",
            (SegmentValue::CenterOf(i as u32), max * 0.04),
            ("sans-serif", 12)
                .into_font()
                .color(&BLACK)
                .pos(Pos::new(HPos::Center, VPos::Bottom)),
        )
    }))?;
    let missing = trend.buckets.iter().enumerate().filter(|(_, b)| !b.present);
    chart.draw_series(missing.map(|(i, _)| {
        Text::new(
            "no report",
            (SegmentValue::CenterOf(i as u32), max * 0.02),
            ("sans-serif", 11)
                .into_font()
                .color(&RGBColor(120, 120, 120))
                .transform(FontTransform::Rotate270),
        )
    }))?;
    root.present()?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bars_scale_to_the_largest_rate_in_eighths() {
        assert_eq!(bar(1.0, 1.0).chars().count(), BAR_CELLS);
        assert_eq!(bar(0.0, 1.0), "");
        assert_eq!(bar(1.0 / 320.0 * 3.0, 1.0), "▍");
    }

    #[test]
    fn filters_read_as_a_title_says_them() {
        let years = [YearRange(2005..=2009), YearRange(2020..=2020)];
        assert_eq!(
            describe_filters(&["angola".into()], &years, &["arrest".into()]),
            "country: angola; years: 2005..2009, 2020; section: arrest"
        );
        assert_eq!(describe_filters(&[], &[], &[]), "");
    }

    #[test]
    fn csv_fields_are_quoted_when_needed() {
        assert_eq!(csv_field("Angola"), "Angola");
        assert_eq!(csv_field("Korea, North"), "\"Korea, North\"");
    }
}
