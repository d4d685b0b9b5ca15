# black-thursday-maker: P(run) (100 replicates per point)
# Written by Ballast. Redraw from this folder with: gnuplot 'run-probability-heatmap.gp'
# Data file 'run-probability-heatmap.dat':
#   one line per cell: 1 x, 2 y, 3 value, 4 x_index, 5 y_index
#   cells are drawn at (x_index, y_index), one unit wide; the tics name the levels x and y
# Restyle by editing the settings below; the output loop at the end draws PNG and SVG.

set encoding utf8
data = 'run-probability-heatmap.dat'

# --- style ---
set border 3 lw 1
set tics nomirror out scale 0.75
set grid back xtics ytics lt 1 lw 0.7 lc rgb '#DDDDDD'
set style fill transparent solid 0.20 noborder
set palette defined (0 '#440154', 0.25 '#3B528B', 0.5 '#21918C', 0.75 '#5EC962', 1 '#FDE725')
set cbrange [0.0:1.0]
set cblabel 'P(run)'
set colorbox vertical user origin graph 1.03, graph 0 size graph 0.04, graph 1
set cbtics out nomirror
set style fill solid 1.0 border lc rgb 'white'
unset grid
set border 15 front
set key off
set title 'black-thursday-maker: P(run) (100 replicates per point)'
set xlabel 'lending.oracle_delay'
set ylabel 'liquidators.gas_spike.cost_usd'
set xrange [-0.5:2.5]
set yrange [-0.5:2.5]
set rmargin 16
set xtics ('0' 0, '1' 1, '3' 2)
set ytics ('0' 0, '5000' 1, '1e6' 2)
label_threshold = 0.6

# --- outputs: one pass per format ---
do for [fmt in 'png svg'] {
    if (fmt eq 'png') {
        set terminal pngcairo size 1200,800 font 'Sans,14' linewidth 1.5 noenhanced background rgb 'white'
    } else {
        set terminal svg size 1200,800 font 'Sans,14' linewidth 1.5 noenhanced background rgb 'white'
    }
    set output 'run-probability-heatmap.'.fmt
    plot \
        data using 4:5:(0.5):(0.5):3 with boxxyerror fc palette lw 0.5 notitle, \
        data using 4:5:(sprintf('%.2f', $3)):($3 > label_threshold ? 0x000000 : 0xFFFFFF) with labels tc rgb variable font ',12' notitle
    unset output
}
