# The options vault (options-vault.yaml): the Greeks of its written puts through the 30% crash on replicate 0,
# unhedged and delta-hedged in pool 0, and the P&L distribution of every variant over 100 paired replicates.
# Run from this folder after summarise.py:  gnuplot options-vault.gp
# (reads results/greeks-none.dat, results/greeks-hedged.dat and results/loss.dat)
set terminal pngcairo size 1300,1150 font "sans,10" noenhanced
set output "options-vault.png"
set multiplot layout 3,2 title "A put-selling vault on an SVI surface through a 30% ETH crash (options-vault.yaml)"
set grid
set key top right
set xrange [0:600]
set arrow 1 from 200, graph 0 to 200, graph 1 nohead dt 2 lc rgb "#777777"
set label 1 "ETH −30%" at 205, graph 0.92
N = "results/greeks-none.dat"
H = "results/greeks-hedged.dat"
set title "replicate 0: spot and EWMA volatility (the surface's level is EWMA / 0.6)"
set ylabel "p_ext (USD)"
set y2tics
set y2label "EWMA volatility per √year"
plot N using 1:2 with lines lw 2 lc rgb "#333333" title "p_ext", \
     N using 1:3 axes x1y2 with lines lw 1 lc rgb "#cc7700" title "EWMA volatility"
unset y2tics
unset y2label
set title "replicate 0: net delta (ETH)"
set ylabel "ETH"
plot N using 1:4 with lines lw 2 lc rgb "#3366aa" title "unhedged (written puts)", \
     H using 1:4 with lines lw 1 lc rgb "#aa3333" title "delta-hedged (band 5% of units)"
set title "replicate 0: gamma and vega of the written puts (unhedged)"
set key bottom right
set ylabel "gamma (ETH per USD)"
set y2tics
set y2label "vega (USD millions per unit of volatility)"
plot N using 1:5 with lines lw 2 lc rgb "#33aa66" title "gamma", \
     N using 1:($7/1e6) axes x1y2 with lines lw 1 lc rgb "#884488" title "vega"
unset y2tics
unset y2label
set title "replicate 0: theta, the carry the vault earns (unhedged)"
set key top right
set ylabel "USD millions per day"
plot N using 1:($6/1e6) with lines lw 2 lc rgb "#cc7700" title "theta per day"
set title "replicate 0: vault value less deposits, and the hedge's slippage"
set ylabel "USD millions"
set xlabel "tick (hour)"
plot N using 1:8 with lines lw 2 lc rgb "#3366aa" title "unhedged P&L", \
     H using 1:8 with lines lw 2 lc rgb "#aa3333" title "delta-hedged P&L", \
     H using 1:(-$9) with lines lw 1 dt 2 lc rgb "#aa3333" title "− cumulative hedge slippage"
unset arrow 1
unset label 1
set title "P&L over 1,000 ticks, 100 paired replicates: 5–25–50–75–95% quantiles"
set xrange [-0.6:6.6]
set yrange [*:*]
set xlabel ""
set ylabel "USD millions"
set xtics ("pool 0\nunhedged" 0, "pool 0\ndelta" 1, "deep\nunhedged" 2, "deep\ndelta" 3, "pool 0,\nLPs stay\ndelta" 4, "pool 0\ndelta+\ngamma" 5, "deep\ndelta+\ngamma" 6)
set boxwidth 0.5
set bmargin 5
set key off
plot "results/loss.dat" using 1:4:3:7:6 with candlesticks whiskerbars lw 2 lc rgb "#3366aa", \
     "results/loss.dat" using 1:5:5:5:5 with candlesticks lw 3 lc rgb "#aa3333"
unset multiplot
