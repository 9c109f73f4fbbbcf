/// The window of a window function: `PARTITION BY … ORDER BY … [frame]`.
package struct WindowSpecification: Hashable, Sendable {
  package var partition: [SQLNode] = []
  package var ordering: [OrderingTerm] = []
  package var frame: String? = nil
}

/// Builds the window of ``SQLExpression/over(_:)``.
public final class WindowBuilder {
  var specification = WindowSpecification()

  /// `PARTITION BY expressions…`: the rows that share these values form one window.
  public func partitionBy<each B: SQLType, each N: Nullability>(
    _ expressions: repeat SQLExpression<each B, each N>
  ) {
    for expression in repeat each expressions { specification.partition.append(expression.node) }
  }

  /// `ORDER BY terms…` within the window.
  public func orderBy(_ terms: any SQLOrderingTerm...) {
    specification.ordering += terms.map(\.orderingTerm)
  }

  /// `ROWS BETWEEN start AND end`: a frame counted in rows.
  public func rows(from start: FrameBound, to end: FrameBound) {
    specification.frame = "ROWS BETWEEN \(start.text) AND \(end.text)"
  }

  /// `RANGE BETWEEN start AND end`: a frame by the ORDER BY value, peers included.
  public func range(from start: FrameBound, to end: FrameBound) {
    specification.frame = "RANGE BETWEEN \(start.text) AND \(end.text)"
  }
}

/// One end of a window frame.
public struct FrameBound: Sendable {
  let text: String

  /// `UNBOUNDED PRECEDING`: the window's first row.
  public static let unboundedPreceding = FrameBound(text: "UNBOUNDED PRECEDING")
  /// `CURRENT ROW`.
  public static let currentRow = FrameBound(text: "CURRENT ROW")
  /// `UNBOUNDED FOLLOWING`: the window's last row.
  public static let unboundedFollowing = FrameBound(text: "UNBOUNDED FOLLOWING")
  /// `n PRECEDING`.
  public static func preceding(_ n: Int) -> FrameBound { FrameBound(text: "\(n) PRECEDING") }
  /// `n FOLLOWING`.
  public static func following(_ n: Int) -> FrameBound { FrameBound(text: "\(n) FOLLOWING") }
}

/// A window function, which is only meaningful with `OVER (…)`: `rowNumber().over { … }`.
public struct WindowFunction<Base: SQLType, Null: Nullability>: Sendable {
  let node: SQLNode

  /// `function OVER (window)`.
  public func over(_ window: (WindowBuilder) -> Void = { _ in }) -> SQLExpression<Base, Null> {
    let builder = WindowBuilder()
    window(builder)
    return .init(unchecked: .window(node, builder.specification))
  }
}

extension SQLExpression {
  /// `aggregate OVER (window)`: an aggregate computed over a window of rows instead of a group,
  /// e.g. each row's share of the total: `count() / sum(count()).over()`.
  public func over(_ window: (WindowBuilder) -> Void = { _ in }) -> SQLExpression<Base, Null> {
    let builder = WindowBuilder()
    window(builder)
    return .init(unchecked: .window(node, builder.specification))
  }
}

/// `row_number()`: the row's position in its window, from 1.
public func rowNumber() -> WindowFunction<PG.BigInt, NotNull> {
  WindowFunction(
    node: .function(name: "row_number", arguments: [], isAggregate: false, filter: nil))
}

/// `rank()`: the row's rank in its window, with gaps after ties.
public func rank() -> WindowFunction<PG.BigInt, NotNull> {
  WindowFunction(node: .function(name: "rank", arguments: [], isAggregate: false, filter: nil))
}

/// `dense_rank()`: the row's rank in its window, without gaps.
public func denseRank() -> WindowFunction<PG.BigInt, NotNull> {
  WindowFunction(
    node: .function(name: "dense_rank", arguments: [], isAggregate: false, filter: nil))
}

/// `lag(x)`: `x` of the previous row in the window, NULL for the first.
public func lag<B: SQLType, N: Nullability>(_ x: SQLExpression<B, N>) -> WindowFunction<B, Nullable>
{
  WindowFunction(node: .function(name: "lag", arguments: [x.node], isAggregate: false, filter: nil))
}

/// `lead(x)`: `x` of the next row in the window, NULL for the last.
public func lead<B: SQLType, N: Nullability>(_ x: SQLExpression<B, N>) -> WindowFunction<
  B, Nullable
> {
  WindowFunction(
    node: .function(name: "lead", arguments: [x.node], isAggregate: false, filter: nil))
}

extension SQLWriter {
  mutating func window(_ window: WindowSpecification) -> String {
    var parts: [String] = []
    if !window.partition.isEmpty {
      parts.append(
        "PARTITION BY " + window.partition.map { expression($0) }.joined(separator: ", "))
    }
    if !window.ordering.isEmpty { parts.append("ORDER BY " + orderingTerms(window.ordering)) }
    if let frame = window.frame { parts.append(frame) }
    return parts.joined(separator: " ")
  }
}
