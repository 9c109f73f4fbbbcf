// Arrays and jsonb.

/// `ARRAY[a, b, …]`: an array of values of one type.
public func array<B: SQLType>(_ elements: [SQLExpression<B, NotNull>])
  -> SQLExpression<PG.Array<B>, NotNull>
{
  .init(unchecked: .array(elements.map(\.node)))
}

extension SQLExpression {
  /// `x = ANY (array)`: whether the array holds `x`.
  public func isAny<N: Nullability>(of array: SQLExpression<PG.Array<Base>, N>)
    -> SQLExpression<PG.Boolean, Nullable>
  {
    .init(
      unchecked: .binary(
        op: "= ANY", left: node, right: .parenthesized(array.node), precedence: .comparison))
  }
}

extension SQLExpression where Base == PG.JSONB {
  /// `doc -> 'key'`: the member `key` of a JSON object, as jsonb; NULL when absent.
  public subscript(key: String) -> SQLExpression<PG.JSONB, Nullable> {
    binary("->", node, .literal(.string(key)), .otherOperator)
  }

  /// `doc -> n`: element `n` (from 0) of a JSON array, as jsonb; NULL when absent.
  public subscript(index: Int) -> SQLExpression<PG.JSONB, Nullable> {
    binary("->", node, .literal(.integer(Int64(index))), .otherOperator)
  }

  /// `doc ->> 'key'`: the member `key` of a JSON object, as text; NULL when absent.
  public func text(_ key: String) -> SQLExpression<PG.Text, Nullable> {
    binary("->>", node, .literal(.string(key)), .otherOperator)
  }
}
