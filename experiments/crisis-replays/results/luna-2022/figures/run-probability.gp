# luna-2022: probability of a run (30 replicates per point)
# Written by Ballast. Redraw from this folder with: gnuplot 'run-probability.gp'
# Data file 'run-probability.dat':
#   one block per curve (index 0, 1, ...), columns: 1 x, 2 y, 3 lower, 4 upper
# Restyle by editing the settings below; the output loop at the end draws PNG and SVG.

set encoding utf8
data = 'run-probability.dat'

# --- style ---
set border 3 lw 1
set tics nomirror out scale 0.75
set grid back xtics ytics lt 1 lw 0.7 lc rgb '#DDDDDD'
set style fill transparent solid 0.20 noborder
set linetype 1 lc rgb '#0072B2' lw 2.0 pt 7 ps 1.1 dt 1
set bmargin 5
set key below center horizontal maxcols 2 width 2 samplen 3 spacing 1.2
set title 'luna-2022: probability of a run (30 replicates per point)'
set xlabel 'liquidator budget (USD per hour)'
set ylabel 'P(run), as the scenario''s run_definition counts a run'
set autoscale xfix
set offsets graph 0.02, graph 0.02, 0, 0
set yrange [0:1]
set ytics 0.1
set format y '%.1f'

# --- outputs: one pass per format ---
do for [fmt in 'png svg'] {
    if (fmt eq 'png') {
        set terminal pngcairo size 1200,800 font 'Sans,14' linewidth 1.5 noenhanced background rgb 'white'
    } else {
        set terminal svg size 1200,800 font 'Sans,14' linewidth 1.5 noenhanced background rgb 'white'
    }
    set output 'run-probability.'.fmt
    plot \
        data index 0 using 1:3:4 with filledcurves lt 1 notitle, \
        data index 0 using 1:2 with linespoints lt 1 title 'P(run)', \
        keyentry with filledcurves lc rgb '#8C8C8C' title 'shaded: 95% Wilson CI'
    unset output
}
