/// A rule violation found at generation time, naming the object it concerns.
public struct SQLDiagnostic: Hashable, Sendable, CustomStringConvertible {
  /// The object, e.g. `materialized view public.mv_metrics_daily`.
  public let object: String
  /// What is wrong and, where it helps, what to do.
  public let message: String

  public var description: String { "\(object): \(message)" }
}

/// Generation failed; nothing was written.
public struct SQLGenerationError: Error, CustomStringConvertible {
  /// Every problem found, in the order found.
  public let diagnostics: [SQLDiagnostic]

  public var description: String { diagnostics.map(\.description).joined(separator: "\n") }
}
