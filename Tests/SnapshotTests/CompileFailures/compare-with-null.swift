// expect: '==' is unavailable: x = NULL is NULL whatever x is; write x.isNull
// x = NULL is NULL whatever x is; NULL is not an expression, so the comparison does not compile.
import SQLBuilder

let query = shops { s, q, out in
  q.where(s.spend == .null)
}
