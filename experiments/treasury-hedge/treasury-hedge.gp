# One replicate of treasury-hedge.yaml: the treasury without puts, with rolling puts, and with the puts
# delta-hedged in the ETH/USD pool. Run from this folder:  gnuplot treasury-hedge.gp
# (reads run-none/, run-puts/ and run-hedged/treasury.csv)
set terminal pngcairo size 1000,1100 font "sans,10"
set output "treasury-hedge.png"
set datafile separator ","
set multiplot layout 4,1 title "Treasury with protective puts through a 30% ETH crash (treasury-hedge.yaml, replicate 0)"
set grid
set xrange [0:1000]
set arrow 1 from 200, graph 0 to 200, graph 1 nohead dt 2 lc rgb "#777777"
set label 1 "ETH −30%" at 205, graph 0.9
set ylabel "ETH (USD) / EWMA vol"
set y2tics
set y2label "EWMA volatility per √year"
plot "run-puts/treasury.csv" using 1:2 with lines lw 2 lc rgb "#333333" title "p_ext", \
     "run-puts/treasury.csv" using 1:3 axes x1y2 with lines lw 1 lc rgb "#cc7700" title "EWMA volatility"
unset y2tics
unset y2label
set ylabel "net delta (ETH) / gamma ×20"
set yrange [-3000:12000]
plot "run-puts/treasury.csv" using 1:9 with lines lw 2 lc rgb "#3366aa" title "delta, puts + 10,000 ETH held", \
     "run-hedged/treasury.csv" using 1:9 with lines lw 2 lc rgb "#aa3333" title "delta, delta-hedged", \
     "run-puts/treasury.csv" using 1:($10*20) with lines lw 1 lc rgb "#33aa66" title "gamma ×20 (puts)"
set yrange [*:*]
set ylabel "USD (millions)"
plot "run-puts/treasury.csv" using 1:($12/1e6) with lines lw 2 lc rgb "#3366aa" title "vega per unit vol (puts)", \
     "run-puts/treasury.csv" using 1:($11/1e8) with lines lw 1 lc rgb "#cc7700" title "theta per year / 100", \
     "run-puts/treasury.csv" using 1:($8/1e6) with lines lw 2 lc rgb "#33aa66" title "puts at market"
set ylabel "treasury value (USD millions)"
set xlabel "tick (hour)"
plot "run-none/treasury.csv" using 1:($14/1e6) with lines lw 2 lc rgb "#333333" title "no puts", \
     "run-puts/treasury.csv" using 1:($14/1e6) with lines lw 2 lc rgb "#3366aa" title "rolling 90% puts", \
     "run-hedged/treasury.csv" using 1:($14/1e6) with lines lw 2 lc rgb "#aa3333" title "puts, delta-hedged in pool 0"
unset multiplot
