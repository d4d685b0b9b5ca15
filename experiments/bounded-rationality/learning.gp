# Fictitious play across episodes: P(run) by episode at y = 0.6, t = 0.3, α = 4, β = 100, from a first
# belief that everyone runs; 1,000 replicates a point with 95% Wilson bars. Redraw: gnuplot learning.gp
set encoding utf8
set datafile separator comma
set xlabel 'episode (episodes of experience before this one)'
set ylabel 'P(run) = P(reserve exhausted)'
set title 'Fictitious play: depositors best-respond to the average threshold of past episodes' noenhanced
set yrange [0.5:0.8]
set xrange [-10:410]
set grid lc rgb '#dddddd'
set key top right box opaque
set linetype 1 lc rgb '#0072B2' lw 2 pt 7
set linetype 2 lc rgb '#000000' lw 1 dt 2
do for [fmt in 'png svg'] {
    if (fmt eq 'png') { set terminal pngcairo noenhanced size 1200,700 font 'Sans,14'; set output 'learning.png' }
    if (fmt eq 'svg') { set terminal svg noenhanced size 1200,700 font 'Sans,14'; set output 'learning.svg' }
    plot 'results/learning/estimates.csv' every ::1 using 1:4:5:6 with yerrorlines lt 1 title 'fictitious play, simulated', \
         0.5948180384049209 with lines lt 2 title 'Nash, closed form (0.595)'
    unset output
}
