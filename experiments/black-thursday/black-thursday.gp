# Black Thursday replay. Run from this folder:  gnuplot black-thursday.gp
# Top: replicate 0 of maker.yaml (run/): the replayed price, the lending oracle's price (recomputed from
# run/series.csv by oracle.awk, since Ballast does not write it), the pool price; then the running totals of
# liquidations (debt repaid) and bad debt. The gas spike's window (ticks 24 to 71) is shaded.
# Bottom: the two studies (results/*/estimates.csv), mean per point over 100 replicates, 95% t intervals.
set terminal pngcairo size 1200,850 font "sans,10"
set output "black-thursday.png"
set datafile separator ","
set multiplot layout 2,2 title "Black Thursday, 11-14 March 2020 (hourly Gemini ETH/USD closes), replayed in Ballast"
set grid
set xrange [0:95]
set xtics ("11 Mar" 0, "12 Mar" 24, "13 Mar" 48, "14 Mar" 72, "15 Mar" 96)
set xlabel "UTC (one tick = one hour)"
set object 1 rect from 24, graph 0 to 71, graph 1 behind fc rgb "#f3e3c8" fs solid 1.0 noborder
set ylabel "ETH price (USD)"
set title "maker.yaml, replicate 0: prices (gas spike shaded)"
set key bottom left
plot "run/series.csv" every ::1 using 1:2 with steps lw 2 lc rgb "#222222" title "replayed close (p_{ext})", \
     "< awk -F, -v dev=0.005 -v hb=1 -v delay=1 -f oracle.awk run/series.csv" using 1:2 with steps lw 2 dt 2 lc rgb "#cc6600" title "lending oracle (1 h delay, recomputed)", \
     "run/series.csv" every ::1 using 1:3 with lines lw 1 lc rgb "#3366aa" title "AMM pool (where seized ETH is sold)"
set ylabel "USD millions (running totals)"
set title "maker.yaml, replicate 0: liquidations and bad debt"
set key top left
plot "run/series.csv" every ::1 using 1:($8/1e6) with steps lw 2 lc rgb "#3366aa" title "liquidated (debt repaid)", \
     "run/series.csv" every ::1 using 1:($9/1e6) with steps lw 2 lc rgb "#aa3333" title "bad debt (written off)"
unset object 1
set xrange [-0.3:3.3]
set xtics (0, 1, 2, 3)
set xlabel "oracle delay (hours)"
set key top left font ",9"
row(m, g) = sprintf("< awk -F, 'NR > 1 && $1 == %s' results/%s/estimates.csv", g, m)
set ylabel "mean bad debt (USD millions)"
set title "Bad debt: mean of 100 replicates, 95% intervals"
plot row("maker", "0.0") using ($2-0.04):($10/1e6):($11/1e6):($12/1e6) with yerrorlines lw 2 pt 7 lc rgb "#3366aa" title "Maker-like, no spike", \
     row("maker", "5000.0") using ($2-0.04):($10/1e6):($11/1e6):($12/1e6) with yerrorlines lw 2 pt 5 lc rgb "#cc6600" title "Maker-like, gas 5,000 USD", \
     row("maker", "1000000.0") using ($2-0.04):($10/1e6):($11/1e6):($12/1e6) with yerrorlines lw 2 pt 9 lc rgb "#aa3333" title "Maker-like, gas 10^6 USD", \
     row("compound", "0.0") using ($2+0.04):($10/1e6):($11/1e6):($12/1e6) with yerrorlines lw 2 dt 2 pt 6 lc rgb "#3366aa" title "Compound-like, no spike", \
     row("compound", "5000.0") using ($2+0.04):($10/1e6):($11/1e6):($12/1e6) with yerrorlines lw 2 dt 2 pt 4 lc rgb "#cc6600" title "Compound-like, gas 5,000 USD", \
     row("compound", "1000000.0") using ($2+0.04):($10/1e6):($11/1e6):($12/1e6) with yerrorlines lw 2 dt 2 pt 8 lc rgb "#aa3333" title "Compound-like, gas 10^6 USD"
set ylabel "mean liquidated, debt repaid (USD millions)"
set title "Liquidations: mean of 100 replicates, 95% intervals"
set key bottom right font ",9"
plot row("maker", "0.0") using ($2-0.04):($16/1e6):($17/1e6):($18/1e6) with yerrorlines lw 2 pt 7 lc rgb "#3366aa" title "Maker-like, no spike", \
     row("maker", "5000.0") using ($2-0.04):($16/1e6):($17/1e6):($18/1e6) with yerrorlines lw 2 pt 5 lc rgb "#cc6600" title "Maker-like, gas 5,000 USD", \
     row("maker", "1000000.0") using ($2-0.04):($16/1e6):($17/1e6):($18/1e6) with yerrorlines lw 2 pt 9 lc rgb "#aa3333" title "Maker-like, gas 10^6 USD", \
     row("compound", "0.0") using ($2+0.04):($16/1e6):($17/1e6):($18/1e6) with yerrorlines lw 2 dt 2 pt 6 lc rgb "#3366aa" title "Compound-like, no spike", \
     row("compound", "5000.0") using ($2+0.04):($16/1e6):($17/1e6):($18/1e6) with yerrorlines lw 2 dt 2 pt 4 lc rgb "#cc6600" title "Compound-like, gas 5,000 USD", \
     row("compound", "1000000.0") using ($2+0.04):($16/1e6):($17/1e6):($18/1e6) with yerrorlines lw 2 dt 2 pt 8 lc rgb "#aa3333" title "Compound-like, gas 10^6 USD"
unset multiplot
