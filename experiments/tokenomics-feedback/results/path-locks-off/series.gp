# locks: seed 1, replicate 13 (market.shocks[0].factor=0.7, incentives.lock_emission_usd=0)
# Written by Ballast. Redraw from this folder with: gnuplot 'series.gp'
# Data file 'series.dat':
#   columns: 1 tick, 2 p_ext, 3 p_amm, 4 reserve_usd, 5 queue_usd, 6 withdrawn_fraction, 7 theta, 8 liquidated_usd, 9 bad_debt_usd, 10 lp_share_in_pool
# Restyle by editing the settings below; the output loop at the end draws PNG and SVG.

set encoding utf8
data = 'series.dat'

# --- style ---
set border 3 lw 1
set tics nomirror out scale 0.75
set grid back xtics ytics lt 1 lw 0.7 lc rgb '#DDDDDD'
set style fill transparent solid 0.20 noborder
set linetype 1 lc rgb '#0072B2' lw 2.0 pt 7 ps 1.1 dt 1
set linetype 2 lc rgb '#D55E00' lw 2.0 pt 5 ps 1.1 dt 1
set xrange [0.0:399.0]
set key at screen 0.775, graph 1.0 left top Left reverse vertical samplen 2.5
usd_millions = 1.0e6

# --- outputs: one pass per format ---
do for [fmt in 'png svg'] {
    if (fmt eq 'png') {
        set terminal pngcairo size 1200,1500 font 'Sans,14' linewidth 1.5 noenhanced background rgb 'white'
    } else {
        set terminal svg size 1200,1500 font 'Sans,14' linewidth 1.5 noenhanced background rgb 'white'
    }
    set output 'series.'.fmt
    set multiplot layout 4,1 title 'locks: seed 1, replicate 13 (market.shocks[0].factor=0.7, incentives.lock_emission_usd=0)' font ',16' margins 0.09, 0.68, 0.06, 0.94 spacing 0, 0.035
    set format x ''
    unset xlabel

    # Panel 1: prices
    set ylabel 'price (USD)'
    set yrange [*:*]
    plot \
        data using 1:2 with lines lt 1 title 'external p_ext', \
        data using 1:3 with lines lt 2 title 'AMM p_amm'

    # Panel 2: withdrawn fraction (left axis) and solvency margin θ (right axis, dotted zero line)
    set ylabel 'withdrawn fraction'
    set yrange [0:1]
    set y2label 'θ (solvency margin)'
    set y2range [*<0:0<*]
    set y2tics out nomirror
    set border 11
    set arrow 1 from graph 0, second 0 to graph 1, second 0 nohead dt 3 lc rgb '#888888' back
    plot \
        data using 1:6 with lines lt 1 title 'withdrawn fraction', \
        data using 1:7 axes x1y2 with lines lt 2 title 'θ (right axis)'
    unset arrow 1
    unset y2tics
    unset y2label
    set border 3

    # Panel 3: cumulative liquidations and bad debt
    set ylabel 'cumulative (USD millions)'
    set yrange [0:*]
    plot \
        data using 1:($8/usd_millions) with lines lt 1 title 'liquidated', \
        data using 1:($9/usd_millions) with lines lt 2 title 'bad debt'

    # Panel 4: LP share in pool
    set ylabel 'LP share in pool'
    set yrange [0:*]
    set format x '% h'
    set xlabel 'tick (hours)'
    plot data using 1:10 with lines lt 1 title 'LP share (by count)'
    unset multiplot
    unset output
}
