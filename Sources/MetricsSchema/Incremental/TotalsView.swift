import SQLBuilder

/// `private.metrics_daily_from_totals`: `mv_metrics_daily`'s rows from the totals, each key's
/// settings applied as it is read. The view `mv_metrics_daily` reads it once the totals are
/// built, and the read API reads it directly then, so PostgreSQL never plans the view's branch
/// over the sources on a dashboard's call.
public struct MetricsDailyFromTotals: ShapedRelation {
  public typealias Shape = MetricsDaily
  public static let qualifiedName = QualifiedName("private", "metrics_daily_from_totals")
  public init() {}
}

extension MetricsDailyFromTotals: ReadAPI.Rows {}

extension IncrementalMachinery {
  /// `CREATE VIEW private.metrics_daily_from_totals WITH (security_invoker = true) AS …`.
  static var totalsView: CreateView<MetricsDailyFromTotals> {
    CreateView(MetricsDailyFromTotals.self, securityInvoker: true) {
      Select(MetricsDailyFromTotals.self) { q, out in
        let rows = MetricsView.metricsRows(ordered: false) {
          $0.from(MetricsDailyTotals.self, as: "t").asShape
        }
        out.columns(of: q.from(rows, as: "t"))
      }
    }
  }

  /// The totals are built: a rebuild has computed them since they were created or emptied.
  static var totalsBuilt: SQLExpression<PG.Boolean, NotNull> {
    exists { $0.from(MetricsTotalsBuilt.self, as: "b") }
  }

  /// What the read API reads: the totals once built, else `mv_metrics_daily`.
  static var readSource: ReadAPI.ReadSource<MetricsDaily, MetricsDailyFromTotals> {
    ReadAPI.ReadSource(MetricsDaily.self, or: MetricsDailyFromTotals.self, when: totalsBuilt)
  }
}
