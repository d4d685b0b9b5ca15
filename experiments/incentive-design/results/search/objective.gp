# incentive-design: objective along the search
# Written by Ballast. Redraw from this folder with: gnuplot 'objective.gp'
# Data file 'objective.dat':
#   columns: 1 evaluation, 2 objective, 3 best so far at this replicate count, 4 replicates
# Restyle by editing the settings below; the output loop at the end draws PNG and SVG.

set encoding utf8
data = 'objective.dat'

# --- style ---
set border 3 lw 1
set tics nomirror out scale 0.75
set grid back xtics ytics lt 1 lw 0.7 lc rgb '#DDDDDD'
set style fill transparent solid 0.20 noborder
set linetype 1 lc rgb '#0072B2' lw 2.0 pt 7 ps 1.1 dt 1
set linetype 2 lc rgb '#D55E00' lw 2.0 pt 5 ps 1.1 dt 1
set bmargin 6
set key below center horizontal maxcols 2 width 2
set title 'incentive-design: objective along the search'
set xlabel 'evaluation (in the order the search asked for it)'
set ylabel 'objective: P(run) + lambda * cost + penalty'
set y2label 'replicates per evaluation'
set y2tics
set logscale y2 2
set y2range [33.333333333333336:300.0]
set ytics nomirror
set autoscale xfix
set offsets graph 0.02, graph 0.02, 0, 0

# --- outputs: one pass per format ---
do for [fmt in 'png svg'] {
    if (fmt eq 'png') {
        set terminal pngcairo size 1200,800 font 'Sans,14' linewidth 1.5 noenhanced background rgb 'white'
    } else {
        set terminal svg size 1200,800 font 'Sans,14' linewidth 1.5 noenhanced background rgb 'white'
    }
    set output 'objective.'.fmt
    plot \
        data using 1:2 with points lt 1 title 'objective at each evaluation', \
        data using 1:3 with steps lt 2 title 'best at the current replicate count', \
        data using 1:4 axes x1y2 with steps lc rgb '#8C8C8C' dt 2 title 'replicates (right axis)'
    unset output
}
