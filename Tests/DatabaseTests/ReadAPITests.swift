import Foundation
import MetricsSchema
import PostgresHarness
import Testing

extension DatabaseTests {
  /// `get_metrics_for_range` against the contract's rule, for random users, access rows and
  /// ranges: it returns exactly the view's rows the rule allows the caller.
  @Suite struct ReadAPI {
    struct Call {
      var user: String
      var account: String
      var location: String?
      var from: String
      var to: String
    }

    @Test(arguments: [11, 12] as [UInt64], Deployment.all)
    func returnsExactlyTheRowsTheRuleAllows(seed: UInt64, deployment: Deployment) throws {
      let database = try deployment.database()
      try database.reset()
      defer { try? database.reset() }
      let data = MessyData(seed: seed)
      try database.cluster.psql(SQLFor.inserts(data))
      try database.cluster.psql("SELECT public.refresh_metrics_daily();")
      let view = try ViewRows.read(database.cluster).keys

      var random = SeededGenerator(seed: seed)
      let locations = Dictionary(grouping: data.locations, by: \.account)
      let accounts = data.accounts.map(\.id)
      // Users with no access, some locations of one account, or all of them.
      var access: [String: [String: Set<String>]] = [:]
      for index in 0..<12 {
        let user = String(format: "e%07x-0000-4000-8000-%012x", Int(seed), index)
        let account = accounts.randomElement(using: &random)!
        let own = locations[account, default: []].map(\.id)
        switch index % 3 {
        case 0: access[user] = [:]
        case 1: access[user] = [account: Set(own.filter { _ in Bool.random(using: &random) })]
        default: access[user] = [account: Set(own)]
        }
      }
      var inserts = ""
      for (user, byAccount) in access {
        for (account, ids) in byAccount {
          for id in ids {
            inserts +=
              "INSERT INTO user_location_access VALUES ('\(user)', '\(id)', '\(account)');\n"
          }
        }
      }
      try database.cluster.psql(inserts)

      let days = Array(Set(view.map(\.date))).sorted()
      var calls: [Call] = []
      for _ in 0..<60 {
        let user = access.keys.sorted().randomElement(using: &random)!
        let account =
          Bool.random(using: &random)
          ? (access[user]?.keys.first ?? accounts[0]) : accounts.randomElement(using: &random)!
        let location =
          Bool.random(using: &random) ? nil : locations[account]?.randomElement(using: &random)?.id
        let a = days.randomElement(using: &random)!
        let b = days.randomElement(using: &random)!
        calls.append(
          Call(user: user, account: account, location: location, from: min(a, b), to: max(a, b)))
      }
      var script = ""
      for (index, call) in calls.enumerated() {
        let location = call.location.map { "'\($0)'" } ?? "NULL"
        script += """
          BEGIN;
          SET LOCAL ROLE authenticated;
          SET LOCAL request.jwt.claims = '{"sub": "\(call.user)", "role": "authenticated"}';
          SELECT '\(index)|' || account_id || '|' || coalesce(location_id::text, '-') || '|' || date
          FROM public.get_metrics_for_range(
            p_account_id => '\(call.account)', p_location_id => \(location),
            p_from_date => '\(call.from)', p_to_date => '\(call.to)');
          COMMIT;

          """
      }
      var got: [Int: Set<String>] = [:]
      for line in try database.cluster.psql(script).split(separator: "\n") {
        let parts = line.split(separator: "|", maxSplits: 1)
        guard parts.count == 2, let index = Int(parts[0]) else { continue }
        got[index, default: []].insert(String(parts[1]))
      }
      var nonEmpty = 0
      for (index, call) in calls.enumerated() {
        let seen = access[call.user]?[call.account] ?? []
        let all = Set(locations[call.account, default: []].map(\.id))
        let expected = Set(
          view.filter { key in
            guard key.account == call.account, key.date >= call.from, key.date <= call.to else {
              return false
            }
            if let wanted = call.location, key.location != wanted { return false }
            if let location = key.location { return seen.contains(location) }
            return !seen.isEmpty && all.isSubset(of: seen)
          }.map { "\($0.account)|\($0.location ?? "-")|\($0.date)" })
        if !expected.isEmpty { nonEmpty += 1 }
        #expect(got[index, default: []] == expected, "call \(index): \(call)")
      }
      #expect(nonEmpty >= 5, "too few calls return rows to mean anything")
    }
  }
}

extension DatabaseTests.ReadAPI {
  /// The incremental strategy's read API reads the totals once they are built, and the view's
  /// rows computed from the sources before: the same rows either way, for a signed-in user and
  /// for `service_role`.
  @Test(arguments: SourceFixture.all)
  func beforeAndAfterTheTotalsAreBuiltTheSameRows(_ source: SourceFixture) throws {
    let database = try MetricsDatabase.incremental(source)
    try database.reset()
    defer { try? database.reset() }
    let account = try DatabaseTests.ReadReplica.load(database, MessyData(seed: 44))
    let serviceRead = """
      BEGIN;
      SET LOCAL ROLE service_role;
      SELECT 'service|' || m::text FROM \(DatabaseTests.ReadReplica.apiCall(account)) m;
      COMMIT;
      """
    let reads = DatabaseTests.ReadReplica.reads(account: account) + "\n" + serviceRead
    let built = try database.cluster.psql(reads)
    let flag = MetricsTotalsBuilt.qualifiedName.rendered
    let notBuilt = try database.cluster.psql("DELETE FROM \(flag);\n" + reads)
    try database.cluster.psql("INSERT INTO \(flag) VALUES (now());")
    #expect(built.components(separatedBy: "api|").count > 3, "the user should see rows")
    #expect(built.components(separatedBy: "service|").count > 3)
    #expect(notBuilt == built)
  }
}
