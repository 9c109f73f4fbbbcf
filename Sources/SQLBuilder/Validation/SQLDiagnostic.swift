/// A broken rule as a value: an enum case of its family's rules, with the objects it names.
/// Builders and rules record findings; only ``message`` turns one into a sentence.
public protocol SQLFinding: Sendable {
  /// What is wrong and, where it helps, what to write instead.
  var message: String { get }
}

/// A rule violation found at generation time, naming the object it concerns.
public struct SQLDiagnostic: Hashable, Sendable, CustomStringConvertible {
  /// The object, e.g. `materialized view public.mv_metrics_daily`.
  public let object: String
  /// What is wrong and, where it helps, what to do.
  public let message: String
  /// The finding behind the message: what the rule found, as a value.
  public let finding: any SQLFinding

  package init(object: String, finding: any SQLFinding) {
    self.object = object
    message = finding.message
    self.finding = finding
  }

  public var description: String { "\(object): \(message)" }

  public static func == (l: Self, r: Self) -> Bool {
    l.object == r.object && l.message == r.message
  }

  public func hash(into hasher: inout Hasher) {
    hasher.combine(object)
    hasher.combine(message)
  }
}

/// Generation failed; nothing was written.
public struct SQLGenerationError: Error, CustomStringConvertible {
  /// Every problem found, in the order found.
  public let diagnostics: [SQLDiagnostic]

  /// Generation failed with `diagnostics`.
  package init(diagnostics: [SQLDiagnostic]) { self.diagnostics = diagnostics }

  public var description: String { diagnostics.map(\.description).joined(separator: "\n") }
}
