# Price paths (replayed external price and the end-of-tick pool price) and cumulative liquidations and bad
# debt of replicate 0 of each crisis, from the committed run folders.
# Run from experiments/crisis-replays:  gnuplot crisis-replays.gp
set terminal pngcairo size 1000,1200 font ",10"
set output "crisis-replays.png"
set datafile separator ","
set key top right box opaque
set multiplot layout 3,1
set ytics nomirror
set y2tics
set grid
set ylabel "price (USD)"
set y2label "cumulative (M USD)"

set title "May 2021 ETH crash (Gemini hourly closes, rescaled to start at 2000): reference market"
set xlabel "hours since 2021-05-17 00:00 UTC (tick)"
plot "may-2021/run/series.csv" every ::1 using 1:2 with lines lw 2 title "ETH, replayed", \
     "" every ::1 using 1:3 with lines title "ETH, pool", \
     "" every ::1 using 1:($8/1e6) axes x1y2 with lines lw 2 title "liquidated", \
     "" every ::1 using 1:($9/1e6) axes x1y2 with lines lw 2 title "bad debt"

set key bottom right box opaque
set title "USDC depeg, March 2023 (15-minute bars, 43 missing: one row per tick): USDC-collateral market"
set xlabel "CSV row (tick; nominally 15 minutes from 2023-03-09 05:00 UTC)"
plot "usdc-2023/run/series.csv" every ::1 using 1:2 with lines lw 2 title "USDC, replayed", \
     "" every ::1 using 1:3 with lines title "USDC, pool 0 (liquidators sell here)", \
     "" every ::1 using 1:($8/1e6) axes x1y2 with lines lw 2 title "liquidated", \
     "" every ::1 using 1:($9/1e6) axes x1y2 with lines lw 2 title "bad debt"

set logscale y
set ylabel "price (USD, log scale)"
set key top right box opaque
set title "Terra/LUNA, May 2022 (Binance 1-minute LUNA/USDT): LUNA-collateral market, 100,000 USD/min per liquidator"
set xlabel "hours since 2022-05-05 00:00 UTC (tick / 60)"
plot "luna-2022/run/series.csv" every ::1 using ($1/60):2 with lines lw 2 title "LUNA, replayed", \
     "" every ::1 using ($1/60):3 with lines title "LUNA, pool", \
     "" every ::1 using ($1/60):($8/1e6) axes x1y2 with lines lw 2 title "liquidated", \
     "" every ::1 using ($1/60):($9/1e6) axes x1y2 with lines lw 2 title "bad debt"
unset multiplot
