import Foundation
import PostgresHarness

/// Where a capture trigger call's time goes: the backend CPU time of a one-row INSERT into
/// `calls` with the capture function on `calls` built up step by step, from no trigger to the
/// function as generated. Read from `/proc/self/schedstat`, which waiting for a CPU does not
/// stretch.
enum StatementCPU {
  enum Step: String, CaseIterable {
    case disabled = "capture triggers disabled"
    case empty = "trigger with an empty function (RETURN NULL), SECURITY DEFINER, no SET"
    case emptyWithSearchPath = "empty function, SET search_path = ''"
    case logged = "INSERT into the change log, no exception block, no SET"
    case loggedWithSearchPath =
      "INSERT into the change log, no exception block, SET search_path = ''"
    case generated =
      "INSERT into the change log in the exception block, SET search_path = '': as generated"
  }

  static let function = "private.metrics_capture_call_inserts()"

  /// The function as `refresh_metrics.sql` creates it, with its exception block or without.
  static func generated(guarded: Bool) throws -> String {
    guard
      let text = try CaptureCostBench.functions(guarded: guarded).first(where: {
        $0.contains("FUNCTION \(function)")
      })
    else {
      throw PostgresCluster.Failure(description: "no \(function) among the capture functions")
    }
    return text
  }

  static func install(_ step: Step, _ cluster: PostgresCluster) throws {
    let reset = "ALTER FUNCTION \(function) RESET search_path;"
    let empty = """
      CREATE OR REPLACE FUNCTION \(function) RETURNS trigger AS $$ BEGIN RETURN NULL; END $$
      LANGUAGE plpgsql SECURITY DEFINER SET search_path = '';
      """
    let sql =
      switch step {
      case .disabled: "ALTER TABLE calls DISABLE TRIGGER USER;"
      case .empty: empty + reset
      case .emptyWithSearchPath: empty
      case .logged: try generated(guarded: false) + reset
      case .loggedWithSearchPath: try generated(guarded: false)
      case .generated: try generated(guarded: true)
      }
    try cluster.psql(sql)
  }

  /// Each step's backend CPU per one-row INSERT (µs): the median of 3 transactions of 5,000;
  /// the steps in an order rotated by `run`.
  static func measure(_ cluster: PostgresCluster, run: Int) throws -> [String: Double] {
    var cpu: [String: Double] = [:]
    for i in Step.allCases.indices {
      let step = Step.allCases[(i + run) % Step.allCases.count]
      try install(step, cluster)
      func block(_ tag: String, _ count: Int) -> String {
        """
        DO $$ BEGIN
          FOR i IN 1..\(count) LOOP
            INSERT INTO calls VALUES ('cpu-\(tag)-' || i, md5('location' || (1 + i % 100))::uuid,
              'completed', 'general', now());
          END LOOP;
        END $$;
        """
      }
      cpu[step.rawValue] = Timing.median(
        try Timing.backendCPUMicroseconds(
          cluster, warmUp: block("warm", 200), blocks: (1...3).map { block("\($0)", 5000) }
        ).map { $0 / 5000 })
      // The rows and what was logged of them removed unlogged; one rebuild at the end.
      try cluster.psql(
        """
        ALTER TABLE calls DISABLE TRIGGER USER;
        DELETE FROM calls WHERE id LIKE 'cpu-%';
        ALTER TABLE calls ENABLE TRIGGER USER;
        TRUNCATE private.metrics_call_changes;
        VACUUM calls;
        """)
    }
    try install(.generated, cluster)
    try cluster.psql("SELECT public.rebuild_metrics_daily();")
    return cpu
  }
}
