import Foundation
import MetricsSchema
import SQLBuilder
import Testing

extension DatabaseTests {
  /// The fact views agree with ``FactSources``, the declaration of the base tables and columns
  /// behind them, on messy data: facts without a location, at a deleted one, at another
  /// account's, with NULL amounts.
  @Suite struct FactSource {
    /// Rows of `view` the declaration does not give, and rows it gives that `view` does not
    /// show, counted with duplicates.
    static func disagreements(_ view: String, _ declared: String) throws -> String {
      let query = declared.trimmingCharacters(in: .whitespacesAndNewlines)
      return """
        SELECT '\(view) only|' || count(*) FROM (SELECT * FROM public.\(view) EXCEPT ALL \(query.dropLast())) x;
        SELECT '\(view) declared only|' || count(*) FROM (\(query.dropLast()) EXCEPT ALL SELECT * FROM public.\(view)) x;
        SELECT '\(view) rows|' || count(*) FROM public.\(view);
        """
    }

    @Test(arguments: SourceFixture.all)
    func eachViewReadsItsBaseTableAsDeclared(_ source: SourceFixture) throws {
      let database = try MetricsDatabase.get(.refresh, source)
      try database.reset()
      defer { try? database.reset() }
      var data = MessyData(seed: 11)
      data.mutate()
      try database.cluster.psql(SQLFor.inserts(data))
      try database.cluster.psql(
        "UPDATE orders SET total_amount = NULL WHERE id IN (SELECT id FROM orders LIMIT 5);")
      let checks = try source.declaredViews().map { try Self.disagreements($0.view, $0.query) }
      let counts = countsByTag(try database.cluster.psql(checks.joined()))
      for view in ["calls_v", "orders_v", "reservations_v"] {
        #expect(counts["\(view) rows", default: 0] > 50, "\(view): too little data")
        #expect(counts["\(view) only"] == 0, "\(view) has rows its declaration does not give")
        #expect(counts["\(view) declared only"] == 0, "\(view) lacks rows its declaration gives")
      }
      // The data has the cases the declaration decides: an order at a deleted location keeps
      // its id where no foreign key clears it, and reads NULL where one does.
      let orderCases =
        source.writesThroughHelpers
        ? """
        SELECT 'order at a deleted location|' || count(*) FROM public.sales WHERE restaurant_id IS NULL;
        SELECT 'order priced NULL|' || count(*) FROM public.sales WHERE amount IS NULL;
        """
        : """
        SELECT 'order at a deleted location|' || count(*) FROM orders o
        WHERE o.location_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM locations l WHERE l.location_id = o.location_id);
        SELECT 'order priced NULL|' || count(*) FROM orders WHERE total_amount IS NULL;
        """
      let cases = countsByTag(
        try database.cluster.psql(
          """
          SELECT 'call without account|' || count(*) FROM calls_v WHERE account_id IS NULL AND location_id IS NOT NULL;
          \(orderCases)
          """))
      #expect(cases.values.allSatisfy { $0 > 0 } && cases.count == 3, "\(cases)")
    }
  }
}
