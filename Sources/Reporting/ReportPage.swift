import Charts
import Foundation
import Plot
import ResultsModel
import Traffic

/// `report.html` (issue 11, DESIGN §6): one self-contained page — no network, no external fonts
/// or scripts — with the leaderboard, curves, the threshold trade-off, time to detection, tokens
/// per tactic, false positives per persona, throughput, composition, manifest and top accounts.
///
/// Built with Plot (JohnSundell/Plot 0.14, type-safe HTML in Swift, no dependencies, builds on
/// Linux); because Plot writes attribute values as given, every string passes ``Escaping/html(_:)``
/// first (``ReportMarkup``). A Content-Security-Policy forbids every network load.
public enum ReportPage {
    /// The report's file name in a results folder.
    public static let fileName = "report.html"

    /// Writes the report of `folder` to `url` atomically.
    public static func write(_ folder: ResultsFolder, to url: URL) throws {
        try AtomicFile.write(Data(html(folder).utf8), to: url)
    }

    /// The page of `folder`.
    public static func html(_ folder: ResultsFolder) -> String {
        let charts = ReportCharts(folder: folder)
        let tables = ReportTables(folder: folder)
        let subject = folder.manifest.subject
        let noSweep = "No sweep in this folder (a trace without truth has no metrics)."
        let sections: [Node<HTML.BodyContext>] = [
            ReportMarkup.element("header", [
                ReportMarkup.element("h1", [ReportMarkup.text("DistillBench report: \(subject)")]),
                ReportMarkup.element("p", [ReportMarkup.text(lede(folder))]),
                ReportMarkup.element("nav", [ReportMarkup.text("Sections: ")] + navigation.map { id, title in
                    ReportMarkup.element("a", [ReportMarkup.attribute("href", "#\(id)"), ReportMarkup.text(title)])
                }),
            ]),
            ReportMarkup.section(id: "leaderboard", title: "Leaderboard", intro: Leaderboard.note(folder.summary)
                + " Click a column to sort; metrics are account-level (DESIGN §5).", [tables.leaderboard]),
            ReportMarkup.section(id: "curves", title: "Precision–recall and ROC", intro: nil, [
                ReportMarkup.chart(charts.precisionRecall, otherwise: noSweep), ReportMarkup.chart(charts.roc, otherwise: noSweep),
            ]),
            ReportMarkup.section(
                id: "tradeoff", title: "The threshold trade-off",
                intro: "The decision a team makes: how much extraction a threshold stops, and how many customers it blocks to do so.", [
                    ReportMarkup.chart(charts.preventionTradeOff, otherwise: noSweep),
                    ReportMarkup.chart(charts.collateralTradeOff, otherwise: noSweep),
                ]),
            ReportMarkup.section(id: "detection", title: "Time to detection", intro: nil, [
                ReportMarkup.chart(charts.timeToDetection, otherwise: "No campaign in this trace, or no truth."),
                tables.campaigns ?? ReportMarkup.element("p", [ReportMarkup.text("No campaign outcomes.")]),
                ReportMarkup.chart(charts.timeline, otherwise: "No campaign activity recorded (no truth, or a folder that predates it)."),
            ]),
            ReportMarkup.section(id: "tokens", title: "Tokens leaked and prevented, false positives per persona", intro: nil, [
                ReportMarkup.chart(charts.tokensByTactic, otherwise: "No campaign in this trace, or no truth."),
                ReportMarkup.chart(charts.personaFalsePositives, otherwise: "No benign persona outcome (no truth)."),
            ]),
            ReportMarkup.section(id: "throughput", title: "Throughput", intro: nil, [
                ReportMarkup.chart(charts.throughput, otherwise: "No throughput was measured."),
            ]),
            ReportMarkup.section(id: "accounts", title: "Top flagged accounts", intro: "Per detector, the accounts it scores highest, with what it holds against them.", tables.topAccounts),
            ReportMarkup.section(id: "composition", title: "What the trace holds", intro: nil, tables.composition),
            ReportMarkup.section(id: "manifest", title: "What ran", intro: nil, tables.manifest),
        ]
        return document(title: "DistillBench report: \(subject)", body: sections)
    }

    /// A self-contained page: the Content-Security-Policy that forbids every network load, the
    /// escaped `title`, the shared style, `body`, and the table-sorting script (report and compare).
    static func document(title: String, body: [Node<HTML.BodyContext>]) -> String {
        let page = HTML(
            .lang(.english),
            .head(
                .meta(.charset(.utf8)),
                .raw(#"<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:">"#),
                .meta(.name("viewport"), .content("width=device-width, initial-scale=1")),
                .element(named: "title", nodes: [.raw(Escaping.html(title))]),
                .style(style)
            ),
            .body(.group(body), .script(.raw(sortScript)))
        )
        return page.render() + "\n"
    }

    static let navigation: [(String, String)] = [
        ("leaderboard", "leaderboard"), ("curves", "curves"), ("tradeoff", "trade-off"), ("detection", "time to detection"),
        ("tokens", "tokens and personas"), ("throughput", "throughput"), ("accounts", "top accounts"),
        ("composition", "composition"), ("manifest", "manifest"),
    ]

    /// One sentence: what ran, on what, with how many seeds.
    static func lede(_ folder: ResultsFolder) -> String {
        let manifest = folder.manifest
        let seeds = manifest.seeds.map { " on seeds \($0.joined(separator: ", "))" } ?? ""
        let tuned = (manifest.tuneSeeds ?? []).isEmpty ? "" : ", thresholds tuned on seeds \((manifest.tuneSeeds ?? []).joined(separator: ", "))"
        return "distillbench \(manifest.command): \(manifest.detectors.count) detectors on \(manifest.subject)\(seeds)\(tuned); "
            + "FPR budget \(FigureFormat.value(manifest.fprBudget)); harness \(manifest.harnessVersion)."
    }

    static let style = """
        body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif;color:#1a1a1a;margin:0 auto;max-width:1240px;padding:16px 24px}
        h1{font-size:22px;margin:8px 0}h2{font-size:18px;margin:28px 0 8px;border-bottom:1px solid #ccc}
        nav a{margin-right:10px}table{border-collapse:collapse;margin:8px 0 16px;font-size:13px}
        th,td{border:1px solid #d0d0d0;padding:3px 6px;text-align:left;vertical-align:top;overflow-wrap:anywhere;max-width:420px}
        #leaderboard-table{font-size:12px}#leaderboard-table th,#leaderboard-table td{overflow-wrap:normal}
        th{background:#f2f2f2}table.sortable th{cursor:pointer}caption{text-align:left;font-weight:600;padding:4px 0}
        .swatch{display:inline-block;width:10px;height:10px;margin-right:6px;border:1px solid #555}
        figure{margin:12px 0}svg.chart{max-width:100%;height:auto}.intro,.nochart{color:#333}
        details{margin:4px 0}summary{cursor:pointer}
        @media print{nav{display:none}details{display:block}}
        """

    /// Sorts a `table.sortable` by the clicked column: numerically by `data-sort` where present.
    static let sortScript = """
        document.querySelectorAll("table.sortable").forEach(function (table) {
          table.querySelectorAll("thead th").forEach(function (th, column) {
            th.addEventListener("click", function () {
              var body = table.tBodies[0];
              var ascending = th.getAttribute("data-order") !== "ascending";
              th.setAttribute("data-order", ascending ? "ascending" : "descending");
              var rows = Array.prototype.slice.call(body.rows);
              rows.sort(function (a, b) {
                var x = a.cells[column], y = b.cells[column];
                var p = parseFloat(x.getAttribute("data-sort")), q = parseFloat(y.getAttribute("data-sort"));
                var order = (!isNaN(p) && !isNaN(q)) ? p - q : x.textContent.localeCompare(y.textContent);
                return ascending ? order : -order;
              });
              rows.forEach(function (row) { body.appendChild(row); });
            });
          });
        });
        """
}
