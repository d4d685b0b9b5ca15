# P(run) by stress and policy, with 95% Wilson intervals
# Written by Ballast. Redraw from this folder with: gnuplot 'stress-matrix-p-run.gp'
# Data file 'stress-matrix-p-run.dat':
#   one line per cell: 1 column_index, 2 row_index (0 at the bottom), 3 value, 4 lower, 5 upper
# Restyle by editing the settings below; the output loop at the end draws PNG and SVG.

set encoding utf8
data = 'stress-matrix-p-run.dat'

# --- style ---
set border 3 lw 1
set tics nomirror out scale 0.75
set grid back xtics ytics lt 1 lw 0.7 lc rgb '#DDDDDD'
set style fill transparent solid 0.20 noborder
set palette defined (0 '#440154', 0.25 '#3B528B', 0.5 '#21918C', 0.75 '#5EC962', 1 '#FDE725')
set cbrange [0:1]
set cblabel 'P(run)'
set colorbox vertical user origin graph 1.03, graph 0 size graph 0.04, graph 1
set style fill solid 1.0 border lc rgb 'white'
unset grid
set border 15 front
set key off
set title 'P(run) by stress and policy, with 95% Wilson intervals'
set xlabel 'policy'
set ylabel 'stress'
set xrange [-0.5:3.5]
set yrange [-0.5:4.5]
set xtics ('baseline' 0, 'forecast' 1, 'grant' 2, 'forecast-grant' 3)
set ytics ('none' 4, 'flash_crash:size=0.2:tick=50' 3, 'bear_market' 2, 'gas_spike:cost_usd=8000:from=45:to=150' 1, 'correlation_breakdown' 0)
set rmargin 16
set lmargin 26

# --- outputs: one pass per format ---
do for [fmt in 'png svg'] {
    if (fmt eq 'png') {
        set terminal pngcairo size 1740,620 font 'Sans,14' linewidth 1.5 noenhanced background rgb 'white'
    } else {
        set terminal svg size 1740,620 font 'Sans,14' linewidth 1.5 noenhanced background rgb 'white'
    }
    set output 'stress-matrix-p-run.'.fmt
    plot \
        data using 1:2:(0.5):(0.5):3 with boxxyerror fc palette notitle, \
        data using 1:2:(sprintf("%.2f\n[%.2f, %.2f]", $3, $4, $5)):($3 > 0.6 ? 0x000000 : 0xFFFFFF) with labels tc rgb variable font ',11' notitle
    unset output
}
