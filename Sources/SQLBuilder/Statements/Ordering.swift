/// One key of an ORDER BY: an expression, its direction and where NULLs go.
public struct OrderingTerm: Hashable, Sendable {
  package let node: SQLNode
  package let isDescending: Bool
  package let nulls: NullsOrder?
}

/// Where NULLs sort: `NULLS FIRST` or `NULLS LAST`.
public enum NullsOrder: String, Hashable, Sendable {
  /// `NULLS FIRST`, the default for DESC.
  case first = "NULLS FIRST"
  /// `NULLS LAST`, the default for ASC.
  case last = "NULLS LAST"
}

/// Anything ORDER BY accepts: an expression (ascending) or an ``OrderingTerm``.
public protocol SQLOrderingTerm: Sendable {
  /// The key, with its direction.
  var orderingTerm: OrderingTerm { get }
}

extension OrderingTerm: SQLOrderingTerm {
  public var orderingTerm: OrderingTerm { self }
}

extension SQLExpression: SQLOrderingTerm {
  /// `x`, ascending.
  public var orderingTerm: OrderingTerm {
    OrderingTerm(node: node, isDescending: false, nulls: nil)
  }

  /// `x ASC [NULLS FIRST|LAST]`: `t.date.ascending(nulls: .first)`.
  public func ascending(nulls: NullsOrder? = nil) -> OrderingTerm {
    OrderingTerm(node: node, isDescending: false, nulls: nulls)
  }

  /// `x DESC [NULLS FIRST|LAST]`: `t.revenue.descending(nulls: .last)`.
  public func descending(nulls: NullsOrder? = nil) -> OrderingTerm {
    OrderingTerm(node: node, isDescending: true, nulls: nulls)
  }
}
