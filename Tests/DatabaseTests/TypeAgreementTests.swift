import Foundation
import SQLBuilder
import Testing

@testable import MetricsSchema

extension DatabaseTests {
  /// The types the DSL gave `mv_metrics_daily`'s columns are the ones PostgreSQL reports. The
  /// catalog marks every materialized view column nullable, so nullability is checked on data:
  /// no NULL in a column the DSL types NOT NULL, and NULLs present where it allows them.
  @Suite struct TypeAgreement {
    /// The functions the metrics declare in one line are PostgreSQL's, with those types.
    @Test func theMetricsFunctionDeclarationsAreInTheCatalog() throws {
      let database = try MetricsDatabase.get()
      let declarations = [MetricsView.round.declaration]
      #expect(
        try database.cluster.functionDeclarationProblems(
          declarations.map { ($0.regprocedure, $0.result) }) == [])
    }

    @Test(arguments: MetricsStrategy.allCases)
    func catalogTypesMatchTheDSL(_ strategy: MetricsStrategy) throws {
      let database = try MetricsDatabase.get(strategy)
      let catalog = try database.cluster.psql(
        """
        SELECT attname, format_type(atttypid, atttypmod) FROM pg_attribute
        WHERE attrelid = 'public.mv_metrics_daily'::regclass AND attnum > 0 AND NOT attisdropped
        ORDER BY attnum;
        """
      ).split(separator: "\n").map { $0.split(separator: "|").map(String.init) }
      let declared = MetricsDaily.columns.map { [$0.name, $0.typeInfo.name] }
      #expect(catalog == declared)
    }

    @Test(arguments: MetricsStrategy.allCases)
    func nullabilityMatchesTheDSLOnMessyData(_ strategy: MetricsStrategy) throws {
      let database = try MetricsDatabase.get(strategy)
      try database.reset()
      defer { try? database.reset() }
      try database.cluster.psql(SQLFor.inserts(MessyData(seed: 7)))
      try database.cluster.psql("SELECT public.refresh_metrics_daily();")
      for column in MetricsDaily.columns {
        let nulls = try database.cluster.psql(
          "SELECT count(*) FROM public.mv_metrics_daily WHERE \(PostgreSQL.identifier(column.name)) IS NULL;"
        ).trimmingCharacters(in: .whitespacesAndNewlines)
        if column.typeInfo.isNullable {
          #expect(
            nulls != "0", "\(column.name) is typed nullable; the messy data should produce NULLs")
        } else {
          #expect(nulls == "0", "\(column.name) is typed NOT NULL but has \(nulls) NULLs")
        }
      }
    }
  }
}
