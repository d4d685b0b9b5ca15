# The lending oracle's published price per tick, recomputed from run/series.csv (Ballast does not write
# it): PriceOracle.observe applied to p_ext at every tick, starting from p_ext(0) published at tick 0.
# Usage: awk -F, -v dev=0.005 -v hb=1 -v delay=1 -f oracle.awk run/series.csv   -> "tick,price" lines
NR == 1 { next }
{
  t = $1; p = $2
  if (NR == 2) { price = p; last = t; haspend = 0; print t "," price; next }
  if (haspend && t >= ptick) { price = pprice; last = t; haspend = 0 }
  ref = haspend ? pprice : price
  d = p / ref - 1; if (d < 0) d = -d
  if (!haspend && (d >= dev || t - last >= hb)) {
    if (delay == 0) { price = p; last = t } else { haspend = 1; pprice = p; ptick = t + delay }
  }
  print t "," price
}
