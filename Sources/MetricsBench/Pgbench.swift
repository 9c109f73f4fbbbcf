import Foundation
import PostgresHarness

/// pgbench runs against a bench cluster: writers measured by their transactions per second, and
/// readers or background sessions started beside them.
struct Pgbench {
  let cluster: PostgresCluster
  /// A folder of the cluster's, removed by ``remove()``.
  let folder: URL

  init(_ cluster: PostgresCluster) throws {
    self.cluster = cluster
    folder = cluster.root.appendingPathComponent("pgbench-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    _ = try? Shell.run("/bin/chmod", ["777", folder.path])
  }

  func remove() { try? FileManager.default.removeItem(at: folder) }

  /// Writes `text` as script `name` and returns its path.
  func script(_ name: String, _ text: String) throws -> String {
    let file = folder.appendingPathComponent(name)
    try Data(text.utf8).write(to: file)
    return file.path
  }

  func arguments(script: String, clients: Int, seconds: Int, logPrefix: String?) -> [String] {
    [
      "-n", "-c", String(clients), "-j", String(min(clients, 2)), "-T", String(seconds), "-f",
      script,
    ]
      + (logPrefix.map { ["-l", "--log-prefix", folder.appendingPathComponent($0).path] } ?? [])
      + ["-h", cluster.socketDirectory, "-U", "postgres", PostgresCluster.databaseName]
  }

  /// What a finished pgbench run reports.
  struct Report {
    var transactionsPerSecond: Double
    var latencyAverageMs: Double
  }

  /// Runs `script` with `clients` clients for `seconds`, as `applicationName` when given.
  func run(script: String, clients: Int, seconds: Int, applicationName: String? = nil) throws
    -> Report
  {
    let result = try Shell.run(
      PostgresCluster.binDirectory + "/pgbench",
      arguments(script: script, clients: clients, seconds: seconds, logPrefix: nil),
      environment: applicationName.map {
        ProcessInfo.processInfo.environment.merging(["PGAPPNAME": $0]) { $1 }
      })
    func value(after label: String) -> Double? {
      result.output.split(separator: "\n").first { $0.hasPrefix(label) }.flatMap {
        Double($0.dropFirst(label.count).split(separator: " ").first ?? "")
      }
    }
    guard result.status == 0, let tps = value(after: "tps = "),
      let latency = value(after: "latency average = ")
    else {
      throw PostgresCluster.Failure(
        description: "pgbench failed (\(result.status)): \(result.output) \(result.error)")
    }
    return Report(transactionsPerSecond: tps, latencyAverageMs: latency)
  }

  /// Starts `script` with `clients` clients for `seconds` in the background, logging each
  /// transaction when `logPrefix` is given (read back with ``latencies(logPrefix:)``), and its
  /// report to file `output` when given (read back with ``reportedTPS(output:)``).
  func start(
    script: String, clients: Int, seconds: Int, logPrefix: String? = nil, output: String? = nil
  ) throws -> Process {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: PostgresCluster.binDirectory + "/pgbench")
    process.currentDirectoryURL = folder
    process.arguments = arguments(
      script: script, clients: clients, seconds: seconds, logPrefix: logPrefix)
    if let output {
      let file = folder.appendingPathComponent(output)
      _ = FileManager.default.createFile(atPath: file.path, contents: nil)
      process.standardOutput = try FileHandle(forWritingTo: file)
    } else {
      process.standardOutput = FileHandle.nullDevice
    }
    process.standardError = FileHandle.nullDevice
    try process.run()
    return process
  }

  /// The transactions per second a background run reported in file `output`.
  func reportedTPS(output: String) -> Double? {
    reported("tps = ", output: output).flatMap { Double($0) }
  }

  /// The transactions a background run reported processing in file `output`.
  func reportedTransactions(output: String) -> Int? {
    reported("number of transactions actually processed: ", output: output).flatMap { Int($0) }
  }

  /// The first word after `label` in a background run's report, file `output`.
  func reported(_ label: String, output: String) -> String? {
    let text =
      (try? String(contentsOf: folder.appendingPathComponent(output), encoding: .utf8)) ?? ""
    return text.split(separator: "\n").first { $0.hasPrefix(label) }.flatMap {
      $0.dropFirst(label.count).split(separator: " ").first.map(String.init)
    }
  }

  /// The transactions logged under `logPrefix`: when each ended (seconds since the epoch) and
  /// its latency (ms), in the order they ended.
  func loggedTransactions(logPrefix: String) throws -> [(ended: Double, latencyMs: Double)] {
    var ended: [(ended: Double, latencyMs: Double)] = []
    for name in try FileManager.default.contentsOfDirectory(atPath: folder.path)
    where name.hasPrefix(logPrefix + ".") {
      let text = try String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8)
      for line in text.split(separator: "\n") {
        // client transaction latency_us script epoch_s epoch_us
        let f = line.split(separator: " ")
        guard f.count >= 6, let latency = Double(f[2]), let s = Double(f[4]),
          let us = Double(f[5])
        else { continue }
        ended.append((s + us / 1_000_000, latency / 1000))
      }
    }
    return ended.sorted { $0.ended < $1.ended }
  }

  /// The latencies (ms) of the transactions logged under `logPrefix`, in the order they ended.
  func latencies(logPrefix: String) throws -> [Double] {
    try loggedTransactions(logPrefix: logPrefix).map(\.latencyMs)
  }
}

extension Timing {
  /// The value below which `fraction` of `values` lie (nearest rank).
  static func percentile(_ values: [Double], _ fraction: Double) -> Double {
    let sorted = values.sorted()
    guard !sorted.isEmpty else { return .nan }
    let rank = Int((fraction * Double(sorted.count)).rounded(.up)) - 1
    return sorted[max(0, min(sorted.count - 1, rank))]
  }
}
